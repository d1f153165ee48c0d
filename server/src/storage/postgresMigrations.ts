import type pg from 'pg'

/** Each entry brings the schema from version `index` to `index + 1`, recorded in `ctg_schema_version`. */
const MIGRATIONS: string[] = [
  `CREATE TABLE conventions (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     period_start INTEGER NOT NULL,
     period_end INTEGER NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     created_by TEXT NOT NULL,
     snapshot BYTEA NOT NULL,
     snapshot_version INTEGER NOT NULL DEFAULT 0,
     issues JSONB NOT NULL DEFAULT '[]'
   );
   CREATE TABLE convention_updates (
     seq BIGSERIAL PRIMARY KEY,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     "update" BYTEA NOT NULL
   );
   CREATE INDEX convention_updates_by_convention ON convention_updates (convention_id, seq);`,
]

/** Several processes may start at once: an advisory lock lets one migrate while the others wait. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ctg-workspace-migrations'))")
    await client.query('CREATE TABLE IF NOT EXISTS ctg_schema_version (version INTEGER NOT NULL)')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM ctg_schema_version')
    const current = rows[0]?.version ?? 0
    for (let version = current; version < MIGRATIONS.length; version++) await client.query(MIGRATIONS[version]!)
    if (rows.length === 0) await client.query('INSERT INTO ctg_schema_version VALUES ($1)', [MIGRATIONS.length])
    else await client.query('UPDATE ctg_schema_version SET version = $1', [MIGRATIONS.length])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
