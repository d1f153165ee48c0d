import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const ROOT = join(import.meta.dirname, '..', '..')
export const PACKAGES = ['shared', 'extensions', 'server'] as const

const packageJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8'))

export interface PackedHost {
  /** the temporary project that installed the tarballs */
  dir: string
  /** the tarballs, by package folder */
  tarballs: Record<(typeof PACKAGES)[number], string>
  /** runs `file` (relative to the host) with plain Node 22: no tsx, no TypeScript */
  node(file: string): Promise<{ stdout: string; stderr: string }>
}

/**
 * Packs the three packages as `npm pack -w <folder>` does (their prepack builds them), then
 * installs the tarballs into a fresh project with public registry packages only: what a host
 * app would do. Returns the project.
 */
export async function packAndInstall(): Promise<PackedHost> {
  const dir = mkdtempSync(join(tmpdir(), 'ctg-packed-'))
  const packs = join(dir, 'packs')
  mkdirSync(packs)
  const npm = (args: string[], cwd: string) =>
    run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, maxBuffer: 64 * 1024 * 1024 })
  await npm(['pack', ...PACKAGES.flatMap((p) => ['-w', p]), '--pack-destination', packs], ROOT)
  const files = readdirSync(packs)
  const tarballs = Object.fromEntries(
    PACKAGES.map((p) => {
      const file = files.find((f) => f.startsWith(`ctg-${p}-`) && f.endsWith('.tgz'))
      if (!file) throw new Error(`npm pack gave no tarball for ${p}: ${files.join(', ')}`)
      return [p, join(packs, file)]
    }),
  ) as PackedHost['tarballs']

  const host = join(dir, 'host')
  cpSync(join(import.meta.dirname, 'host'), host, { recursive: true })
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module' }))
  // at our versions: the peers from @ctg/extensions, the provider and ws from the tests' own pins
  const peers = packageJson('extensions').peerDependencies as Record<string, string>
  const tests = packageJson('tests').dependencies as Record<string, string>
  await npm(
    [
      'install',
      '--save-exact',
      ...Object.values(tarballs),
      ...Object.entries(peers).map(([name, version]) => `${name}@${version}`),
      `@hocuspocus/provider@${tests['@hocuspocus/provider']}`,
      `ws@${tests.ws}`,
    ],
    host,
  )
  return {
    dir: host,
    tarballs,
    node: (file) =>
      run(process.execPath, [file], {
        cwd: host,
        // nothing inherited that could load tsx or a loader
        env: { PATH: process.env.PATH, NODE_OPTIONS: '--disable-warning=ExperimentalWarning' },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 120_000,
      }),
  }
}

/** The example of a package's README: the fenced block after the "example" marker. */
export function readmeExample(readme: string): string {
  const match = /<!-- example:[^>]*-->\s*```js\n([\s\S]*?)\n```/.exec(readme)
  if (!match) throw new Error('the README has no marked example')
  return match[1]!
}
