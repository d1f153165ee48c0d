import { DatabaseSync } from 'node:sqlite'

/**
 * A connection to the conventions file, set up the same way on every thread: WAL (readers
 * never wait for the writer), FULL sync (a commit is on disk when it returns), foreign keys,
 * and a busy timeout for the moments two connections want to write.
 */
export function openSqlite(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;')
  return db
}
