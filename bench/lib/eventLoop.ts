import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks'

export interface EventLoopStats {
  /** share of the time the loop was busy (0–1) */
  utilization: number
  /** event-loop delay: how late a 5 ms timer fired, ms */
  delayP99: number
  delayMax: number
}

/** Measures this process's event loop from now until the returned function is called: stalls show as delay. */
export function watchEventLoop(): () => EventLoopStats {
  const elu0 = performance.eventLoopUtilization()
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  return () => {
    delay.disable()
    return {
      utilization: performance.eventLoopUtilization(elu0).utilization,
      delayP99: delay.percentile(99) / 1e6,
      delayMax: delay.max / 1e6,
    }
  }
}
