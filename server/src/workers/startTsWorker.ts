import { Worker, type ResourceLimits } from 'node:worker_threads'

// built (the published package), this module is a .js file and so are its siblings
const compiled = import.meta.url.endsWith('.js')
/** `server/src/` (or `dist/`): worker modules are named relative to it in a bundle directory */
const sourceRoot = new URL('../', import.meta.url)

/**
 * A worker thread running one of our modules, named by its TypeScript source (`./x.ts`).
 * - Built, it runs the compiled `./x.js` on plain Node.
 * - From the sources, with `CTG_WORKER_BUNDLES` set, it runs that directory's `x.mjs`: the same
 *   module bundled by esbuild from these sources (the test suite makes them once per run,
 *   `tests/setup/bundleWorkers.ts`). Under tsx every worker loads its own module hooks and
 *   resolves each import through them: seconds per test server on a busy machine.
 * - Otherwise it runs through tsx, as the server itself does.
 * Only tsx is passed on: Node refuses per-process flags such as `--expose-gc` in a worker, so
 * the server's own `execArgv` cannot be reused.
 */
export function startTsWorker(module: URL, options: { workerData?: unknown; resourceLimits?: ResourceLimits } = {}) {
  const warnings = '--disable-warning=ExperimentalWarning'
  if (compiled) return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), { ...options, execArgv: [warnings] })
  const bundles = process.env.CTG_WORKER_BUNDLES
  if (bundles) {
    const relative = module.href.slice(sourceRoot.href.length).replace(/\.ts$/, '.mjs')
    return new Worker(new URL(relative, new URL(`file://${bundles.replace(/\/?$/, '/')}`)), {
      ...options,
      execArgv: [warnings],
    })
  }
  return new Worker(module, { ...options, execArgv: ['--import', 'tsx', warnings] })
}
