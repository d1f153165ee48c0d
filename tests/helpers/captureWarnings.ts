/**
 * Records what the server logs as warnings (its Logger writes them with console.warn,
 * even with QUIET=1) while still printing them.
 */
export function captureWarnings(): { lines: string[]; stop(): void } {
  const lines: string[] = []
  const original = console.warn
  console.warn = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '))
    original(...args)
  }
  return { lines, stop: () => (console.warn = original) }
}
