import { Worker, type ResourceLimits } from 'node:worker_threads'
import { runnableModule } from './runnableModule.js'

/**
 * A worker thread running one of our modules, named by its TypeScript source (`./x.ts`): see
 * `runnableModule` for what runs. Only tsx is passed on: Node refuses per-process flags such as
 * `--expose-gc` in a worker, so the server's own `execArgv` cannot be reused.
 */
export function startTsWorker(module: URL, options: { workerData?: unknown; resourceLimits?: ResourceLimits } = {}) {
  const warnings = '--disable-warning=ExperimentalWarning'
  const { url, tsx } = runnableModule(module)
  return new Worker(url, { ...options, execArgv: tsx ? ['--import', 'tsx', warnings] : [warnings] })
}
