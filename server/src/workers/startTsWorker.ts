import { Worker, type ResourceLimits } from 'node:worker_threads'

/**
 * A worker thread running one of our TypeScript modules through tsx, as the server
 * itself runs. Only tsx is passed on: Node refuses per-process flags such as
 * `--expose-gc` in a worker, so the server's own `execArgv` cannot be reused.
 */
export function startTsWorker(module: URL, options: { workerData?: unknown; resourceLimits?: ResourceLimits } = {}) {
  return new Worker(module, {
    ...options,
    execArgv: ['--import', 'tsx', '--disable-warning=ExperimentalWarning'],
  })
}
