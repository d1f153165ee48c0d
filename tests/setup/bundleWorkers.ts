import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { build } from 'esbuild'

const serverSource = join(import.meta.dirname, '..', '..', 'server', 'src')

/**
 * Where the suite's worker bundles go: under `server/node_modules` so that their imports of
 * npm packages resolve as the sources' do (the server's own packages first, then the root's).
 */
export const WORKER_BUNDLES = join(serverSource, '..', 'node_modules', '.cache', 'ctg-worker-bundles')

/**
 * The modules the server runs in a worker thread or a child process: every `./x.ts` that a
 * server file hands to `startTsWorker` or `startTsProcess`.
 */
function workerEntries(): string[] {
  const started = /startTs(?:Worker|Process)\(\s*new URL\('(\.{1,2}\/[^']+\.ts)', import\.meta\.url\)/g
  return readdirSync(serverSource, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(serverSource, file), 'utf8').matchAll(started)].map((match) =>
        join(serverSource, dirname(file), match[1]!),
      ),
    )
}

/**
 * vitest's global setup: bundles every worker module of the server from the current sources
 * (our workspaces inlined through tsconfig paths, npm packages left as imports), once per run.
 * `startTsWorker` runs them when `CTG_WORKER_BUNDLES` names this directory (vitest.config.ts):
 * the same code as tsx would run, without tsx's module hooks in every worker of every test
 * server. Half a second here saves seconds on each test server's first edit and export.
 */
export default async function bundleWorkers() {
  rmSync(WORKER_BUNDLES, { recursive: true, force: true })
  const entryPoints = workerEntries()
  if (entryPoints.length < 3)
    throw new Error(`worker modules not found under ${serverSource}: ${entryPoints.join(', ')}`)
  await build({
    entryPoints,
    outbase: serverSource,
    outdir: WORKER_BUNDLES,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    // dynamic imports stay lazy (a chunk each): the export worker loads docx and Playwright on first use
    splitting: true,
    logLevel: 'warning',
  })
  console.log(`worker bundles: ${entryPoints.map((entry) => relative(serverSource, entry)).join(', ')}`)
}
