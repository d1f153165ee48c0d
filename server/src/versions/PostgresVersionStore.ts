import type { ConventionStatus } from '@ctg/shared'
import type pg from 'pg'
import { postgresTransaction } from '../storage/postgres/postgresTransaction.js'
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

const INSERT_VERSION = `INSERT INTO convention_versions (${VERSION_INSERT_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`

const UPSERT_LIFECYCLE = `INSERT INTO convention_lifecycle (convention_id, status, adopted_version_id, amends, amends_convention_id)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (convention_id) DO UPDATE SET status = excluded.status,
    adopted_version_id = excluded.adopted_version_id, amends = excluded.amends,
    amends_convention_id = excluded.amends_convention_id`

const lifecycleParams = (conventionId: string, l: Lifecycle) => [
  conventionId,
  l.status,
  l.adoptedVersionId,
  l.amends ? JSON.stringify(l.amends) : null,
  l.amends?.conventionId ?? null,
]

/** Versions in PostgreSQL, shared by every server process. */
export class PostgresVersionStore implements VersionStore {
  /** The tables come with the numbered migrations (`postgresMigrations.ts`). */
  constructor(private readonly pool: pg.Pool) {}

  async add(version: NewVersion): Promise<void> {
    await this.pool.query(INSERT_VERSION, versionParams(version))
  }

  async list(conventionId: string): Promise<VersionRow[]> {
    const { rows } = await this.pool.query<VersionDbRow>(
      `SELECT ${VERSION_COLUMNS} FROM convention_versions WHERE convention_id = $1 ORDER BY seq DESC`,
      [conventionId],
    )
    return rows.map(toVersionRow)
  }

  async latest(conventionId: string): Promise<VersionRow | null> {
    const { rows } = await this.pool.query<VersionDbRow>(
      `SELECT ${VERSION_COLUMNS} FROM convention_versions WHERE convention_id = $1 ORDER BY seq DESC LIMIT 1`,
      [conventionId],
    )
    return rows[0] ? toVersionRow(rows[0]) : null
  }

  async read(conventionId: string, versionId: string) {
    const { rows } = await this.pool.query<VersionDbRow & { state: Buffer; json: string }>(
      `SELECT ${VERSION_COLUMNS}, state, json FROM convention_versions WHERE convention_id = $1 AND id = $2`,
      [conventionId, versionId],
    )
    const row = rows[0]
    if (!row) return null
    return { ...toVersionRow(row), state: new Uint8Array(row.state), json: row.json }
  }

  async lifecycle(conventionId: string): Promise<Lifecycle> {
    const { rows } = await this.pool.query<LifecycleDbRow>(
      'SELECT status, adopted_version_id, amends FROM convention_lifecycle WHERE convention_id = $1',
      [conventionId],
    )
    return rows[0] ? toLifecycle(rows[0]) : DRAFT
  }

  async transition(conventionId: string, expected: ConventionStatus, next: Lifecycle, version: NewVersion) {
    return postgresTransaction(this.pool, async (client) => {
      // the row exists and is locked, so two requests cannot both move it
      await client.query(
        "INSERT INTO convention_lifecycle (convention_id, status) VALUES ($1, 'draft') ON CONFLICT DO NOTHING",
        [conventionId],
      )
      const { rows } = await client.query<{ status: string }>(
        'SELECT status FROM convention_lifecycle WHERE convention_id = $1 FOR UPDATE',
        [conventionId],
      )
      if (rows[0]?.status !== expected) return false
      await client.query(UPSERT_LIFECYCLE, lifecycleParams(conventionId, next))
      await client.query(INSERT_VERSION, versionParams(version))
      return true
    })
  }

  async createLifecycle(conventionId: string, lifecycle: Lifecycle): Promise<void> {
    await this.pool.query(UPSERT_LIFECYCLE, lifecycleParams(conventionId, lifecycle))
  }

  async avenantCount(conventionId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM convention_lifecycle WHERE amends_convention_id = $1',
      [conventionId],
    )
    return Number(rows[0]!.n)
  }
}
