import type { DatabaseSync } from 'node:sqlite'

/** Runs `work` in one write transaction; a throw rolls it back. */
export function sqliteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
