import { readdirSync, readFileSync } from 'node:fs'
import { PerformanceObserver, performance } from 'node:perf_hooks'

/** One late tick of the tracer's timer: when, how late, and what the main thread did meanwhile. */
export interface Stall {
  /** ms (performance.now()) of the tick before the gap */
  at: number
  /** how much later than asked the next tick came, ms */
  late: number
  /** the main thread's time on a core during the gap (schedstat), ms: its own work, JS or GC */
  ran: number
  /** its time runnable but waiting for a core (schedstat), ms: other threads or processes had them */
  waited: number
  /** main-thread GC pauses overlapping the gap, ms */
  gc: number
  /** the last mark before the gap */
  during: string
}

const TICK_MS = 2

/** The main thread's time on a core and runnable but waiting for one so far (Linux schedstat), ns; zeros elsewhere. */
export function schedstat(): [number, number] {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')
    return [Number(run), Number(wait)]
  } catch {
    return [0, 0]
  }
}

/**
 * Tells why this process's event loop stalls: a 2 ms timer whose late ticks are recorded with
 * their time, the main thread's time on a core and waiting for one over the gap (so "was it
 * busy or starved"), the GC pauses in it, and the last `mark` made before it.
 */
export function traceStalls(thresholdMs = 20) {
  const stalls: Stall[] = []
  const gcs: { start: number; end: number }[] = []
  const marks: { at: number; label: string }[] = [{ at: performance.now(), label: 'start' }]
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ start: entry.startTime, end: entry.startTime + entry.duration })
  })
  observer.observe({ entryTypes: ['gc'] })
  let last = performance.now()
  let [lastRun, lastWait] = schedstat()
  const timer = setInterval(() => {
    const now = performance.now()
    const [run, wait] = schedstat()
    const late = now - last - TICK_MS
    if (late > thresholdMs) {
      const during = marks.findLast((m) => m.at <= last)?.label ?? ''
      stalls.push({ at: last, late, ran: (run - lastRun) / 1e6, waited: (wait - lastWait) / 1e6, gc: 0, during })
    }
    last = now
    lastRun = run
    lastWait = wait
  }, TICK_MS)
  return {
    mark(label: string) {
      marks.push({ at: performance.now(), label })
    },
    stop(): Stall[] {
      clearInterval(timer)
      observer.disconnect()
      // GC entries arrive after the pause: matched with the gaps at the end
      for (const stall of stalls) {
        const end = stall.at + TICK_MS + stall.late
        stall.gc = gcs
          .filter((g) => g.end > stall.at && g.start < end)
          .reduce((sum, g) => sum + Math.min(g.end, end) - Math.max(g.start, stall.at), 0)
      }
      return stalls
    },
  }
}

/** CPU time of each thread of this process so far (Linux /proc), ms, with its name and nice value. */
export function threadCpu(): Map<number, { name: string; nice: number; ms: number }> {
  const threads = new Map<number, { name: string; nice: number; ms: number }>()
  const tick = 10 // USER_HZ = 100 on Linux: utime and stime count 10 ms ticks
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const line = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const name = line.slice(line.indexOf('(') + 1, line.lastIndexOf(')'))
      const fields = line.slice(line.lastIndexOf(')') + 2).split(' ')
      // fields 14 and 15 of proc(5): utime, stime; 19: nice
      threads.set(Number(tid), { name, nice: Number(fields[16]), ms: (Number(fields[11]) + Number(fields[12])) * tick })
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads
}
