import type { DatabaseSync } from 'node:sqlite'
import type { ConventionStatus } from '@ctg/shared'
import type { SqliteWriter } from '../storage/sqlite/SqliteWriter.js'
import type { WriterStatement } from '../storage/sqlite/sqliteWriterWorker.js'
import { DRAFT, type Lifecycle, type NewVersion, type VersionRow, type VersionStore } from './VersionStore.js'
import {
  toLifecycle,
  toVersionRow,
  VERSION_COLUMNS,
  VERSION_INSERT_COLUMNS,
  versionParams,
  type LifecycleDbRow,
  type VersionDbRow,
} from './versionRows.js'

const insertVersion = (v: NewVersion, onlyIfChanged = false): WriterStatement => ({
  sql: `INSERT INTO convention_versions (${VERSION_INSERT_COLUMNS})
        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? ${onlyIfChanged ? 'WHERE changes() > 0' : ''}`,
  params: versionParams(v),
})

const upsertLifecycle = (conventionId: string, l: Lifecycle, expected?: ConventionStatus): WriterStatement => ({
  sql: `INSERT INTO convention_lifecycle (convention_id, status, adopted_version_id, amends, amends_convention_id)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (convention_id) DO UPDATE SET status = excluded.status,
          adopted_version_id = excluded.adopted_version_id, amends = excluded.amends,
          amends_convention_id = excluded.amends_convention_id
        ${expected ? 'WHERE convention_lifecycle.status = ?' : ''}`,
  params: [
    conventionId,
    l.status,
    l.adoptedVersionId,
    l.amends ? JSON.stringify(l.amends) : null,
    l.amends?.conventionId ?? null,
    ...(expected ? [expected] : []),
  ],
})

/** Versions in the SQLite file: written by the writer thread, read on this one. */
export class SqliteVersionStore implements VersionStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly writer: SqliteWriter,
  ) {}

  async add(version: NewVersion): Promise<void> {
    await this.writer.statements([insertVersion(version)])
  }

  async list(conventionId: string): Promise<VersionRow[]> {
    const rows = this.db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM convention_versions WHERE convention_id = ? ORDER BY seq DESC`)
      .all(conventionId)
    return (rows as unknown as VersionDbRow[]).map(toVersionRow)
  }

  async latest(conventionId: string): Promise<VersionRow | null> {
    const row = this.db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM convention_versions WHERE convention_id = ? ORDER BY seq DESC LIMIT 1`)
      .get(conventionId)
    return row ? toVersionRow(row as unknown as VersionDbRow) : null
  }

  async read(conventionId: string, versionId: string) {
    const row = this.db
      .prepare(`SELECT ${VERSION_COLUMNS}, state, json FROM convention_versions WHERE convention_id = ? AND id = ?`)
      .get(conventionId, versionId) as (VersionDbRow & { state: Uint8Array; json: string }) | undefined
    if (!row) return null
    return { ...toVersionRow(row), state: new Uint8Array(row.state), json: row.json }
  }

  async lifecycle(conventionId: string): Promise<Lifecycle> {
    const row = this.db
      .prepare('SELECT status, adopted_version_id, amends FROM convention_lifecycle WHERE convention_id = ?')
      .get(conventionId)
    return row ? toLifecycle(row as unknown as LifecycleDbRow) : DRAFT
  }

  async transition(conventionId: string, expected: ConventionStatus, next: Lifecycle, version: NewVersion) {
    // the version is written only when the status moved (`changes()` of the upsert)
    const [moved] = await this.writer.statements([
      upsertLifecycle(conventionId, next, expected),
      insertVersion(version, true),
    ])
    return (moved ?? 0) > 0
  }

  async createLifecycle(conventionId: string, lifecycle: Lifecycle): Promise<void> {
    await this.writer.statements([upsertLifecycle(conventionId, lifecycle)])
  }

  async avenantCount(conventionId: string): Promise<number> {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM convention_lifecycle WHERE amends_convention_id = ?')
      .get(conventionId) as { n: number }
    return Number(row.n)
  }
}
