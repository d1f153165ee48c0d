import type pg from 'pg'
import { versionTablesSql } from '../../versions/versionTables.js'

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
  // 2: people, their roles per convention, and an append-only activity log
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT UNIQUE,
     name TEXT NOT NULL,
     organisation_kind TEXT,
     organisation_name TEXT,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );
   CREATE TABLE memberships (
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id),
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'reader')),
     granted_by TEXT,
     granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     PRIMARY KEY (convention_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   -- conventions from before roles: their creator owns them
   INSERT INTO users (id, name) SELECT DISTINCT created_by, created_by FROM conventions ON CONFLICT DO NOTHING;
   INSERT INTO memberships (convention_id, user_id, role, granted_at)
     SELECT id, created_by, 'owner', created_at FROM conventions;
   CREATE TABLE activity (
     seq BIGSERIAL PRIMARY KEY,
     convention_id TEXT NOT NULL,
     at TIMESTAMPTZ NOT NULL DEFAULT now(),
     user_id TEXT,
     user_name TEXT,
     action TEXT NOT NULL,
     detail JSONB NOT NULL DEFAULT '{}'
   );
   CREATE INDEX activity_by_convention ON activity (convention_id, seq);
   CREATE FUNCTION activity_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'activity is append-only'; END $$;
   CREATE TRIGGER activity_no_change BEFORE UPDATE OR DELETE ON activity
     FOR EACH ROW EXECUTE FUNCTION activity_append_only();
   CREATE TRIGGER activity_no_truncate BEFORE TRUNCATE ON activity
     FOR EACH STATEMENT EXECUTE FUNCTION activity_append_only();
   ALTER TABLE convention_updates ADD COLUMN user_id TEXT;`,
  // 3: accounts (password or OIDC subject), invitation links, sessions signed out early
  `ALTER TABLE users ADD COLUMN password_hash TEXT;
   ALTER TABLE users ADD COLUMN oidc_subject TEXT UNIQUE;
   CREATE TABLE invitations (
     code_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     convention_id TEXT REFERENCES conventions (id) ON DELETE CASCADE,
     role TEXT,
     invited_by TEXT,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     expires_at TIMESTAMPTZ NOT NULL,
     accepted_at TIMESTAMPTZ
   );
   CREATE TABLE ended_sessions (
     session_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     ended_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     expires_at TIMESTAMPTZ NOT NULL
   );`,
  // 4: invitations that reset a forgotten password
  `ALTER TABLE invitations ADD COLUMN purpose TEXT NOT NULL DEFAULT 'account';`,
  // 5: the bin: a binned convention keeps everything until it is purged; the activity of a
  // purged convention (and only of one) may then be deleted with it
  `ALTER TABLE conventions ADD COLUMN deleted_at TIMESTAMPTZ, ADD COLUMN deleted_by TEXT;
   CREATE INDEX conventions_in_bin ON conventions (deleted_at) WHERE deleted_at IS NOT NULL;
   DROP TRIGGER activity_no_change ON activity;
   CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
     FOR EACH ROW EXECUTE FUNCTION activity_append_only();
   CREATE FUNCTION activity_delete_when_purged() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM conventions WHERE id = OLD.convention_id) THEN
         RAISE EXCEPTION 'activity is append-only';
       END IF;
       RETURN OLD;
     END $$;
   CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
     FOR EACH ROW EXECUTE FUNCTION activity_delete_when_purged();`,
  // 6: comment threads and their messages (the document holds only the anchors); dates as
  // ISO 8601 text, so that an export gives back exactly the dates an import brought
  `CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     block_id TEXT,
     kind TEXT NOT NULL CHECK (kind IN ('passage', 'block')),
     field TEXT,
     quote TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
     created_at TEXT NOT NULL,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     detached BOOLEAN NOT NULL DEFAULT false
   );
   CREATE INDEX comment_threads_by_convention ON comment_threads (convention_id);
   CREATE TABLE comment_messages (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     edited_at TEXT,
     deleted BOOLEAN NOT NULL DEFAULT false
   );
   CREATE INDEX comment_messages_by_thread ON comment_messages (thread_id, seq);`,
  // 7: the sessions issued, so that all of one person's can be ended (reset, sign-out everywhere)
  `CREATE TABLE sessions (
     session_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id, expires_at);`,
  // 8: plénières (see sqliteMigrations 9). A change of supports locks the participant's row
  // (UPDATE) and reads the plénière FOR SHARE: concurrent changes of one participant run one
  // after the other, and a closing waits for those under way, so the triggers' counts hold
  `CREATE TABLE plenaries (
     id TEXT PRIMARY KEY,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     code TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     supports_per_participant INTEGER NOT NULL CHECK (supports_per_participant >= 0),
     moderation TEXT NOT NULL CHECK (moderation IN ('before', 'after')),
     opened_at TEXT NOT NULL,
     ends_at TEXT NOT NULL,
     closed_at TEXT,
     opened_by_id TEXT NOT NULL,
     opened_by_name TEXT NOT NULL
   );
   CREATE INDEX plenaries_by_convention ON plenaries (convention_id);
   CREATE TABLE plenary_participants (
     id TEXT PRIMARY KEY,
     plenary_id TEXT NOT NULL REFERENCES plenaries (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     joined_at TEXT NOT NULL,
     excluded BOOLEAN NOT NULL DEFAULT false,
     supports_changed_at TEXT
   );
   CREATE INDEX plenary_participants_by_plenary ON plenary_participants (plenary_id, joined_at);
   CREATE TABLE plenary_supports (
     plenary_id TEXT NOT NULL REFERENCES plenaries (id) ON DELETE CASCADE,
     participant_id TEXT NOT NULL REFERENCES plenary_participants (id) ON DELETE CASCADE,
     block_id TEXT NOT NULL,
     PRIMARY KEY (participant_id, block_id)
   );
   CREATE INDEX plenary_supports_by_plenary ON plenary_supports (plenary_id);
   CREATE FUNCTION plenary_open_check() RETURNS trigger AS $$
   BEGIN
     PERFORM 1 FROM plenaries WHERE id = NEW.plenary_id AND closed_at IS NULL AND ends_at::timestamptz > now() FOR SHARE;
     IF NOT FOUND THEN RAISE EXCEPTION 'plenary_closed'; END IF;
     RETURN NEW;
   END $$ LANGUAGE plpgsql;
   CREATE FUNCTION plenary_participant_check() RETURNS trigger AS $$
   BEGIN
     IF OLD.excluded THEN RAISE EXCEPTION 'participant_excluded'; END IF;
     PERFORM 1 FROM plenaries WHERE id = NEW.plenary_id AND closed_at IS NULL AND ends_at::timestamptz > now() FOR SHARE;
     IF NOT FOUND THEN RAISE EXCEPTION 'plenary_closed'; END IF;
     RETURN NEW;
   END $$ LANGUAGE plpgsql;
   CREATE TRIGGER plenary_supports_open BEFORE UPDATE OF supports_changed_at ON plenary_participants
     FOR EACH ROW EXECUTE FUNCTION plenary_participant_check();
   CREATE TRIGGER plenary_supports_closed BEFORE INSERT ON plenary_supports
     FOR EACH ROW EXECUTE FUNCTION plenary_open_check();
   CREATE FUNCTION plenary_budget_check() RETURNS trigger AS $$
   BEGIN
     IF (SELECT COUNT(*) FROM plenary_supports WHERE participant_id = NEW.participant_id)
        >= (SELECT supports_per_participant FROM plenaries WHERE id = NEW.plenary_id) THEN
       RAISE EXCEPTION 'support_budget';
     END IF;
     RETURN NEW;
   END $$ LANGUAGE plpgsql;
   CREATE TRIGGER plenary_supports_budget BEFORE INSERT ON plenary_supports
     FOR EACH ROW EXECUTE FUNCTION plenary_budget_check();
   ALTER TABLE comment_threads ADD COLUMN plenary_id TEXT;
   ALTER TABLE comment_threads ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false;
   CREATE INDEX comment_threads_by_plenary ON comment_threads (plenary_id) WHERE plenary_id IS NOT NULL;
   CREATE TABLE imported_plenaries (
     seq BIGSERIAL PRIMARY KEY,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     record TEXT NOT NULL
   );
   CREATE INDEX imported_plenaries_by_convention ON imported_plenaries (convention_id, seq);`,
  // versions and each convention's life (the version store created them itself before;
  // IF NOT EXISTS keeps databases that already have them)
  versionTablesSql('postgres'),
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
