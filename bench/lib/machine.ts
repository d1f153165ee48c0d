import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'

export interface Machine {
  cpuModel: string
  cores: number
  memory: string
  node: string
  kernel: string
  date: string
}

/** What the figures were measured on; the header of results.md. */
export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'
  const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(cpuinfo)?.[1]
  return {
    cpuModel: mhz ? `${model} (${Math.round(Number(mhz))} MHz)` : model,
    cores: cpus().length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
    date: new Date().toISOString(),
  }
}

/** 1-minute load average: other work on the machine makes the figures noisy. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')
}
