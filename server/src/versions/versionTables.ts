/**
 * The tables of versions, one numbered migration of each engine: immutable version rows,
 * and each convention's status. Idempotent, since the version store created them itself
 * before they became a migration.
 */
export const versionTablesSql = (engine: 'sqlite' | 'postgres') => {
  const seq = engine === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY'
  const blob = engine === 'sqlite' ? 'BLOB' : 'BYTEA'
  return `
  CREATE TABLE IF NOT EXISTS convention_versions (
    seq ${seq},
    id TEXT NOT NULL UNIQUE,
    convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('auto', 'named', 'status', 'restore')),
    name TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'validated', 'adopted', 'signed')),
    created_at TEXT NOT NULL,
    author_id TEXT,
    author_name TEXT,
    sha256 TEXT NOT NULL,
    summary TEXT NOT NULL,
    state ${blob} NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS convention_versions_by_convention ON convention_versions (convention_id, seq);
  CREATE TABLE IF NOT EXISTS convention_lifecycle (
    convention_id TEXT PRIMARY KEY REFERENCES conventions (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'validated', 'adopted', 'signed')),
    adopted_version_id TEXT,
    amends TEXT,
    amends_convention_id TEXT
  );
  CREATE INDEX IF NOT EXISTS convention_lifecycle_by_amended ON convention_lifecycle (amends_convention_id);`
}
