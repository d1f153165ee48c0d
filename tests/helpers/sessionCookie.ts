import type { BrowserContext, Page } from 'playwright-core'

/** The session token the browser holds in its HTTP-only cookie (null when signed out). */
export async function sessionCookieOf(context: BrowserContext): Promise<string | null> {
  const cookie = (await context.cookies()).find((c) => c.name === 'ctg_session')
  return cookie?.value || null
}

/** Everything page scripts can read of the session: cookies they see, and every localStorage value. */
export function readableByScripts(page: Page): Promise<{ cookie: string; storage: string[] }> {
  return page.evaluate(() => ({
    cookie: document.cookie,
    storage: Array.from({ length: localStorage.length }, (_, i) => localStorage.getItem(localStorage.key(i)!) ?? ''),
  }))
}
