import type { DatabaseSync } from 'node:sqlite'

/** Each entry brings the schema from version `index` to `index + 1`; `PRAGMA user_version` says where a file is. */
const MIGRATIONS: string[] = [
  // 1: the first release stored one state blob per convention
  `CREATE TABLE IF NOT EXISTS conventions (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     period_start INTEGER NOT NULL,
     period_end INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     state BLOB NOT NULL,
     issues TEXT NOT NULL DEFAULT '[]'
   );`,
  // 2: the state becomes a snapshot plus an append-only log of updates
  `ALTER TABLE conventions RENAME COLUMN state TO snapshot;
   ALTER TABLE conventions ADD COLUMN snapshot_version INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE convention_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     "update" BLOB NOT NULL
   );
   CREATE INDEX convention_updates_by_convention ON convention_updates (convention_id, seq);`,
]

export function migrateSqlite(db: DatabaseSync): void {
  const { user_version: current } = db.prepare('PRAGMA user_version').get() as { user_version: number }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(MIGRATIONS[version]!)
      db.exec(`PRAGMA user_version = ${version + 1}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}
