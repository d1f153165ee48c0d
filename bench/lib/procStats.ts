import { readFileSync } from 'node:fs'

/** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every mainstream kernel. */
const CLOCK_TICKS = 100

/** User + system CPU time consumed so far by a process, in ms (from /proc/<pid>/stat). */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // the command name may contain spaces: fields are counted after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / CLOCK_TICKS
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  if (!match) throw new Error(`no VmRSS for ${pid}`)
  return Number(match[1]) * 1024
}

/** Measures the CPU a process uses between start() and the returned stop(), as a share of one core. */
export function cpuMeter(pid: number): () => { cpuMs: number; wallMs: number; cores: number } {
  const cpu0 = cpuTimeMs(pid)
  const t0 = performance.now()
  return () => {
    const cpuMs = cpuTimeMs(pid) - cpu0
    const wallMs = performance.now() - t0
    return { cpuMs, wallMs, cores: cpuMs / wallMs }
  }
}
