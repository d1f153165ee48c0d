import type { DatabaseSync } from 'node:sqlite'

/**
 * Runs `work` in one transaction; a throw rolls it back. A write transaction takes the
 * write lock at once; a read transaction only pins a consistent snapshot (WAL), so it
 * never waits for the writer thread.
 */
export function sqliteTransaction<T>(db: DatabaseSync, work: () => T, mode: 'write' | 'read' = 'write'): T {
  db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
