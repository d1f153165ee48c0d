import { afterAll } from 'vitest'
import { createTestDatabase, type TestDatabase } from './testDatabase.js'

export interface StorageEngine {
  name: string
  /** the server's environment for this engine (a fresh PostgreSQL database for PostgreSQL) */
  env(): Promise<Record<string, string>>
}

/**
 * The two storage engines a suite runs on, for `describe.each`: SQLite (embedded, the
 * default) and PostgreSQL on a database of its own, dropped when the file's tests end.
 * Call it at the top level of a test file.
 */
export function storageEngines(): StorageEngine[] {
  const databases: TestDatabase[] = []
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()))
  })
  return [
    { name: 'SQLite', env: async () => ({}) },
    {
      name: 'PostgreSQL',
      env: async () => {
        const database = await createTestDatabase()
        databases.push(database)
        return { DATABASE_URL: database.url }
      },
    },
  ]
}
