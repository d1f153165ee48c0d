import type { DatabaseSync } from 'node:sqlite'
import { versionTablesSql } from '../../versions/versionTables.js'

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
  // 3: people, their roles per convention, and an append-only activity log
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT UNIQUE,
     name TEXT NOT NULL,
     organisation_kind TEXT,
     organisation_name TEXT,
     created_at TEXT NOT NULL
   );
   CREATE TABLE memberships (
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id),
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'reader')),
     granted_by TEXT,
     granted_at TEXT NOT NULL,
     PRIMARY KEY (convention_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   -- conventions from before roles: their creator owns them
   INSERT OR IGNORE INTO users (id, name, created_at)
     SELECT DISTINCT created_by, created_by, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM conventions;
   INSERT INTO memberships (convention_id, user_id, role, granted_by, granted_at)
     SELECT id, created_by, 'owner', NULL, created_at FROM conventions;
   CREATE TABLE activity (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     convention_id TEXT NOT NULL,
     at TEXT NOT NULL,
     user_id TEXT,
     user_name TEXT,
     action TEXT NOT NULL,
     detail TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX activity_by_convention ON activity (convention_id, seq);
   CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
     BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
   CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
     BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
   ALTER TABLE convention_updates ADD COLUMN user_id TEXT;`,
  // 4: accounts (password or OIDC subject), invitation links, sessions signed out early
  `ALTER TABLE users ADD COLUMN password_hash TEXT;
   ALTER TABLE users ADD COLUMN oidc_subject TEXT;
   CREATE UNIQUE INDEX users_by_oidc_subject ON users (oidc_subject);
   CREATE TABLE invitations (
     code_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     convention_id TEXT REFERENCES conventions (id) ON DELETE CASCADE,
     role TEXT,
     invited_by TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     accepted_at TEXT
   );
   CREATE TABLE ended_sessions (
     session_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     ended_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );`,
  // 5: invitations that reset a forgotten password
  `ALTER TABLE invitations ADD COLUMN purpose TEXT NOT NULL DEFAULT 'account';`,
  // 6: the bin: a binned convention keeps everything until it is purged; the activity of a
  // purged convention (and only of one) may then be deleted with it
  `ALTER TABLE conventions ADD COLUMN deleted_at TEXT;
   ALTER TABLE conventions ADD COLUMN deleted_by TEXT;
   CREATE INDEX conventions_in_bin ON conventions (deleted_at) WHERE deleted_at IS NOT NULL;
   DROP TRIGGER activity_no_delete;
   CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
     WHEN EXISTS (SELECT 1 FROM conventions WHERE id = OLD.convention_id)
     BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;`,
  // 7: comment threads and their messages (the document holds only the anchors)
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
     detached INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX comment_threads_by_convention ON comment_threads (convention_id);
   CREATE TABLE comment_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     edited_at TEXT,
     deleted INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX comment_messages_by_thread ON comment_messages (thread_id, seq);`,
  // 8: the sessions issued, so that all of one person's can be ended (reset, sign-out everywhere)
  `CREATE TABLE sessions (
     session_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id, expires_at);`,
  // 9: plénières: participants, their supports (the budget and the closing enforced here, under
  // any concurrency), the plénière and moderation of comment threads, imported results
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
     excluded INTEGER NOT NULL DEFAULT 0,
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
   -- a change of supports starts by touching the participant's row: refused once closed or excluded
   CREATE TRIGGER plenary_supports_open BEFORE UPDATE OF supports_changed_at ON plenary_participants
     WHEN (SELECT closed_at IS NOT NULL OR ends_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           FROM plenaries WHERE id = NEW.plenary_id)
     BEGIN SELECT RAISE(ABORT, 'plenary_closed'); END;
   CREATE TRIGGER plenary_supports_excluded BEFORE UPDATE OF supports_changed_at ON plenary_participants
     WHEN OLD.excluded
     BEGIN SELECT RAISE(ABORT, 'participant_excluded'); END;
   CREATE TRIGGER plenary_supports_budget BEFORE INSERT ON plenary_supports
     WHEN (SELECT COUNT(*) FROM plenary_supports WHERE participant_id = NEW.participant_id)
          >= (SELECT supports_per_participant FROM plenaries WHERE id = NEW.plenary_id)
     BEGIN SELECT RAISE(ABORT, 'support_budget'); END;
   CREATE TRIGGER plenary_supports_closed BEFORE INSERT ON plenary_supports
     WHEN (SELECT closed_at IS NOT NULL OR ends_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           FROM plenaries WHERE id = NEW.plenary_id)
     BEGIN SELECT RAISE(ABORT, 'plenary_closed'); END;
   ALTER TABLE comment_threads ADD COLUMN plenary_id TEXT;
   ALTER TABLE comment_threads ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX comment_threads_by_plenary ON comment_threads (plenary_id) WHERE plenary_id IS NOT NULL;
   CREATE TABLE imported_plenaries (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
     record TEXT NOT NULL
   );
   CREATE INDEX imported_plenaries_by_convention ON imported_plenaries (convention_id, seq);`,
  // 10: versions and each convention's life (the version store created them itself before;
  // IF NOT EXISTS keeps files that already have them)
  versionTablesSql('sqlite'),
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
