import type { BrowserContext } from 'playwright-core'

/**
 * Collects the Content-Security-Policy violations of every page of the context (the
 * `securitypolicyviolation` events, registered before any script of the page runs).
 */
export async function watchCspViolations(context: BrowserContext): Promise<() => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
  return async () => {
    const all: string[] = []
    for (const page of context.pages()) {
      all.push(
        ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
      )
    }
    return all
  }
}
