import { Worker, type ResourceLimits } from 'node:worker_threads'

// built (the published package), this module is a .js file and so are its siblings
const compiled = import.meta.url.endsWith('.js')

/**
 * A worker thread running one of our modules, named by its TypeScript source (`./x.ts`).
 * From the sources it runs through tsx, as the server itself does; built, it runs the
 * compiled `./x.js` on plain Node. Only tsx is passed on: Node refuses per-process flags
 * such as `--expose-gc` in a worker, so the server's own `execArgv` cannot be reused.
 */
export function startTsWorker(module: URL, options: { workerData?: unknown; resourceLimits?: ResourceLimits } = {}) {
  const warnings = '--disable-warning=ExperimentalWarning'
  return compiled
    ? new Worker(new URL(module.href.replace(/\.ts$/, '.js')), { ...options, execArgv: [warnings] })
    : new Worker(module, { ...options, execArgv: ['--import', 'tsx', warnings] })
}
