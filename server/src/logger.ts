/** The server's log: one line per event, silenced by QUIET=1 (tests). */
export interface Logger {
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

export function createLogger(quiet: boolean): Logger {
  const stamp = () => new Date().toISOString()
  return {
    info: (message, ...details) => {
      if (!quiet) console.log(`${stamp()} ${message}`, ...details)
    },
    warn: (message, ...details) => console.warn(`${stamp()} WARN ${message}`, ...details),
    error: (message, ...details) => console.error(`${stamp()} ERROR ${message}`, ...details),
  }
}
