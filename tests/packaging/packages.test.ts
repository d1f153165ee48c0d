import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
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
