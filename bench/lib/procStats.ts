import { readdirSync, readFileSync } from 'node:fs'

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

/** CPU of one process's threads, grouped by what they are. */
export interface ThreadCpu {
  /** the event loop */
  mainMs: number
  /** threads that wrote to storage over the window: our SQLite log writer */
  writerMs: number
  /** other threads started after the process (worker threads: the update sandbox, exports) */
  workersMs: number
  /** threads started with the process: V8's platform workers (garbage collection, compilation) and libuv's */
  helpersMs: number
}

interface ThreadSample {
  cpuMs: number
  /** seconds after the main thread that the thread started */
  startedAfterS: number
  writtenBytes: number
  name: string
}

function threadSamples(pid: number): Map<number, ThreadSample> {
  const samples = new Map<number, ThreadSample>()
  let mainStart = 0
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const start = Number(fields[19]) / CLOCK_TICKS
      if (tid === pid) mainStart = start
      const io = readFileSync(`/proc/${pid}/task/${tid}/io`, 'utf8')
      samples.set(tid, {
        cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS,
        startedAfterS: start,
        writtenBytes: Number(/write_bytes: (\d+)/.exec(io)?.[1] ?? 0),
        name: readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim(),
      })
    } catch {
      // the thread ended meanwhile
    }
  }
  for (const sample of samples.values()) sample.startedAfterS -= mainStart
  return samples
}

/** Measures the CPU of each kind of thread of a process (from /proc/<pid>/task) between start() and the returned stop(). */
export function threadCpuMeter(pid: number): () => ThreadCpu {
  const before = threadSamples(pid)
  return () => {
    const cpu: ThreadCpu = { mainMs: 0, writerMs: 0, workersMs: 0, helpersMs: 0 }
    for (const [tid, after] of threadSamples(pid)) {
      const was = before.get(tid)
      const ms = after.cpuMs - (was?.cpuMs ?? 0)
      if (tid === pid) cpu.mainMs += ms
      else if (after.writtenBytes > (was?.writtenBytes ?? 0)) cpu.writerMs += ms
      // V8's and libuv's threads start within the process's first second; workers once the server runs
      else if (after.startedAfterS > 1 && after.name !== 'libuv-worker') cpu.workersMs += ms
      else cpu.helpersMs += ms
    }
    return cpu
  }
}
