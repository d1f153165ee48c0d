import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.js'
import { startServerProcess, type ServerProcess } from './startServerProcess.js'
import { removeDir } from './startTestServer.js'
import { createTestDatabase, type TestDatabase } from './testDatabase.js'

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export interface ProcessPair {
  a: ServerProcess
  b: ServerProcess
  database: TestDatabase
  /** the pair's own Redis prefix: no other test sees its channels and keys */
  prefix: string
  /** each process's data directory (a's first) */
  dataDirs: string[]
  stop(): Promise<void>
}

/**
 * Two server processes scaled out as in production: one fresh PostgreSQL database, one Redis
 * under a prefix of their own, each process with its own data directory.
 */
export async function startProcessPair(env: Record<string, string> = {}): Promise<ProcessPair> {
  const database = await createTestDatabase()
  const prefix = `ctg-test-${randomBytes(4).toString('hex')}`
  const dataDirs: string[] = []
  const start = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-pair-'))
    dataDirs.push(dataDir)
    return startServerProcess({
      port: await freePort(),
      dataDir,
      env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, ...env },
    })
  }
  const [a, b] = await Promise.all([start(), start()])
  return {
    a,
    b,
    database,
    prefix,
    dataDirs,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()])
      await database.drop()
      dataDirs.forEach(removeDir)
    },
  }
}
