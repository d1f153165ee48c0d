import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'
import { createConvention } from '../helpers/createConvention.js'
import { freePort } from '../helpers/freePort.js'
import { launchChromium } from '../helpers/launchChromium.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAndInstall, PACKAGES, readmeExample, ROOT, type PackedHost } from './packedHost.js'

const run = promisify(execFile)

// packing (three tsc builds) and installing take a minute or two on a loaded machine: done once for the file
let host: PackedHost
beforeAll(async () => {
  host = await packAndInstall()
}, 600_000)

const installed = (p: string, file = 'package.json') =>
  readFileSync(join(host.dir, 'node_modules', '@ctg', p, file), 'utf8')

describe('the packed packages', () => {
  it('are built JavaScript with declarations, one version, depending on each other at exactly it', async () => {
    const manifests = PACKAGES.map((p) => JSON.parse(installed(p)))
    const version = manifests[0].version
    for (const manifest of manifests) {
      expect(manifest.version).toBe(version)
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        if (name.startsWith('@ctg/')) expect(range, `${manifest.name} → ${name}`).toBe(version)
      }
      for (const target of Object.values(manifest.exports) as (string | Record<string, string>)[]) {
        if (typeof target === 'string') continue
        expect(target.default).toMatch(/^\.\/dist\/.*\.js$/)
        expect(target.types).toMatch(/^\.\/dist\/.*\.d\.ts$/)
      }
    }
    // the files named by the exports are in the tarballs
    const { stdout } = await run('tar', ['tzf', host.tarballs.server])
    expect(stdout).toContain('package/dist/index.js')
    expect(stdout).toContain('package/dist/index.d.ts')
    expect(stdout).toContain('package/dist/sandbox/sandboxWorker.js')
    expect(stdout).toContain('package/dist/storage/sqlite/sqliteWriterWorker.js')
    expect(stdout).toContain('package/dist/storage/postgres/mergeWorkerThread.js')
    expect(stdout).toContain('package/README.md')
  })

  it('load in plain Node 22, every entry point, with no React installed', async () => {
    const entries = ['@ctg/shared', '@ctg/shared/noEval', '@ctg/extensions', '@ctg/server']
    writeFileSync(
      join(host.dir, 'imports.mjs'),
      `const names = ${JSON.stringify(entries)}\n` +
        'for (const name of names) console.log(name, Object.keys(await import(name)).length)\n',
    )
    const { stdout } = await host.node('imports.mjs')
    for (const entry of entries) expect(stdout).toMatch(new RegExp(`^${entry} \\d+$`, 'm'))
    expect(existsSync(join(host.dir, 'node_modules', 'react'))).toBe(false)
  })

  it('give a headless editor whose ConventionKit inserts a fiche, a key action, a table and signatories', async () => {
    const { stdout } = await host.node('headlessEditor.mjs')
    const result = JSON.parse(stdout)
    expect(result.done).toEqual({ ficheAction: true, keyAction: true, indicatorTable: true, signatoryBlock: true })
    expect(result.counts.ficheAction).toBe(1)
    expect(result.counts.keyAction).toBeGreaterThanOrEqual(2)
    expect(result.counts.indicatorTable).toBe(1)
    expect(result.counts.signatoryBlock).toBe(1)
    expect(result.issues).toEqual([])
  })

  it('run createCtgServer in the host, which serves a convention that a Yjs client edits', async () => {
    const { stdout } = await host.node('servedConvention.mjs')
    const result = JSON.parse(stdout)
    expect(result.port).toBeGreaterThan(0)
    expect(result.edited).toBe(true)
    expect(result.title).toBe('Convention hôte')
    expect(result.ficheTitles[0]).toMatch(/^Fiche écrite par l’application hôte/)
  })

  it.each(PACKAGES)('run the example of the %s README as written', async (p) => {
    const readme = installed(p, 'README.md')
    expect(readme).toBe(readFileSync(join(ROOT, p, 'README.md'), 'utf8'))
    writeFileSync(join(host.dir, `readme-${p}.mjs`), readmeExample(readme))
    const { stdout } = await host.node(`readme-${p}.mjs`)
    expect(stdout.trim()).not.toBe('')
  })
})

const EXAMPLE = join(ROOT, 'examples', 'vanilla-tiptap')
const configFile = join(EXAMPLE, 'vite.config.ts')

let server: TestServer
let browser: Browser | undefined
let site: PreviewServer | undefined

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await server?.stop()
})

// after the pack above, whose prepack built the packages' dist/: the example uses them as published
// (one file, so that no other test rebuilds dist/ while Vite reads it)
describe('examples/vanilla-tiptap', () => {
  beforeAll(async () => {
    server = await startTestServer()
  }, 120_000)

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
