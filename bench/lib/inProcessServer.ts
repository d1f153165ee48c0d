import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCtgServer, readConfig } from '@ctg/server'

/**
 * The whole server in the bench's own process, on SQLite in a temporary folder, with a token
 * for one user: for benches that time routes and read the server's internals.
 */
export async function startInProcessServer(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `ctg-bench-${name}-`))
  const ctg = await createCtgServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      QUIET: '1',
      CTG_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
    }),
  )
  const token = await ctg.tokens.issue({ id: 'u-bench', name: 'Bench' })
  return {
    ctg,
    token,
    http: `http://127.0.0.1:${ctg.port}`,
    async stop() {
      await ctg.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
