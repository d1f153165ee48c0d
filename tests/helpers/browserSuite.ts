import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './launchChromium.js'
import { startTestServer, type TestServer } from './startTestServer.js'

/** Where the browser tests leave their screenshots. */
export const OUTPUT = join(import.meta.dirname, '..', 'output')

/** The real server and Debian's Chromium, started before the tests of a file and stopped after them. */
export function browserSuite(): { server: TestServer; browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser }
  beforeAll(async () => {
    suite.server = await startTestServer()
    suite.browser = await launchChromium()
    mkdirSync(OUTPUT, { recursive: true })
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.server?.stop()
  })
  return suite
}
