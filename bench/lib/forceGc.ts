import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * A full garbage collection, without starting Node with --expose-gc: a flag on the command
 * line is inherited by worker threads that copy process.execArgv, and Worker refuses it
 * (our server's UpdateSandbox does exactly that).
 */
export function forceGc(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  // two passes: the first may only schedule finalizers
  gc()
  gc()
}
