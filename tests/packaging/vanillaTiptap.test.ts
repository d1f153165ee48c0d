import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConvention } from '../helpers/createConvention.js'
import { freePort } from '../helpers/freePort.js'
import { launchChromium } from '../helpers/launchChromium.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { PACKAGES, ROOT } from './packedHost.js'

const run = promisify(execFile)
const EXAMPLE = join(ROOT, 'examples', 'vanilla-tiptap')
const configFile = join(EXAMPLE, 'vite.config.ts')

let server: TestServer
let browser: Browser | undefined
let site: PreviewServer | undefined

beforeAll(async () => {
  // the example uses the packages as published: their dist/, built here as `prepack` would
  await run('npm', ['run', 'build:packages'], { cwd: ROOT })
  server = await startTestServer()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await server?.stop()
})

describe('examples/vanilla-tiptap', () => {
  it('builds with vite from the public exports of the packages only (their dist/)', async () => {
    const result = await build({ configFile, logLevel: 'warn' })
    const outputs = Array.isArray(result) ? result : [result]
    const modules = outputs.flatMap((output) =>
      'output' in output ? output.output.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : [])) : [],
    )
    const ours = modules.filter((id) => PACKAGES.some((p) => id.startsWith(join(ROOT, p) + '/')))
    expect(ours).toContain(join(ROOT, 'extensions', 'dist', 'convention-kit', 'ConventionKit.js'))
    expect(ours.filter((id) => !id.includes('/dist/'))).toEqual([])
    // no React in a plain Tiptap page
    expect(modules.filter((id) => /node_modules\/react(-dom)?\//.test(id))).toEqual([])
  }, 120_000)

  it('edits a convention of a running server from the built page', async () => {
    const id = await createConvention(server)
    const token = await server.token()
    const exportedFiches = async () => {
      const exported = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
        content: { type: string; title?: string }[]
      }
      return exported.content.filter((block) => block.type === 'ficheAction').map((block) => block.title)
    }
    const before = (await exportedFiches()).length

    // the built page, served as `vite preview` does, forwarding /collab to the test server
    process.env.CTG_SERVER = server.httpUrl
    const port = await freePort()
    site = await preview({ configFile, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } })
    browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/?convention=${id}&token=${encodeURIComponent(token)}`)
    await page.locator('#status', { hasText: 'Synchronisé' }).waitFor({ timeout: 30_000 })
    // the server's document, rendered by the headless nodes, labels drawn from data-label
    expect(await page.locator('.tiptap [data-type="ficheAction"]').count()).toBe(before)
    expect(await page.locator('.tiptap [data-type="ficheTitle"]').first().getAttribute('data-label')).toBe(
      'Intitulé de la fiche',
    )

    await page.locator('.tiptap [data-type="ficheTitle"]').first().click()
    await page.getByRole('button', { name: 'Fiche action' }).click()
    await page.keyboard.type('Depuis Tiptap sans React')
    // acknowledged by the server: its export holds the new fiche with the typed title
    let titles: (string | undefined)[] = []
    const deadline = Date.now() + 30_000
    while (!titles.includes('Depuis Tiptap sans React') && Date.now() < deadline) {
      titles = await exportedFiches()
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(titles).toHaveLength(before + 1)
    expect(titles).toContain('Depuis Tiptap sans React')
    mkdirSync(join(ROOT, 'tests', 'output'), { recursive: true })
    await page.screenshot({ path: join(ROOT, 'tests', 'output', 'vanilla-tiptap.png'), fullPage: false })
  }, 120_000)
})
