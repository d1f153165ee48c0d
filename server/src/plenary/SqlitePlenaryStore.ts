import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { ExportedPlenary } from '@ctg/shared'
import type { SqliteWriter } from '../storage/sqlite/SqliteWriter.js'
import {
  supportRefusalOf,
  SupportsRefused,
  type PlenaryStore,
  type StoredParticipant,
  type StoredPlenary,
} from './PlenaryStore.js'
import {
  PLENARY_COLUMNS,
  plenaryParams,
  toParticipant,
  toPlenary,
  type ParticipantRow,
  type PlenaryRow,
} from './plenaryRows.js'

/**
 * Plénières in the SQLite file. Writes go through the writer thread, one transaction per
 * call: the writer is the only one that writes, so a change of supports and its budget
 * check (the triggers) can never interleave with another.
 */
export class SqlitePlenaryStore implements PlenaryStore {
  /** prepared once: every participant request reads its participant and plénière */
  private readonly statements = new Map<string, StatementSync>()

  constructor(
    private readonly db: DatabaseSync,
    private readonly writer: SqliteWriter,
  ) {}

  private prepared(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  async create(plenary: StoredPlenary): Promise<boolean> {
    try {
      await this.writer.statements([
        {
          sql: `INSERT INTO plenaries (${PLENARY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: plenaryParams(plenary),
        },
      ])
      return true
    } catch (error) {
      if (/UNIQUE constraint failed: plenaries\.code/.test((error as Error).message)) return false
      throw error
    }
  }

  async get(plenaryId: string): Promise<StoredPlenary | null> {
    const row = this.prepared(`SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE id = ?`).get(plenaryId)
    return row ? toPlenary(row as unknown as PlenaryRow) : null
  }

  async byCode(code: string): Promise<StoredPlenary | null> {
    const row = this.prepared(`SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE code = ?`).get(code)
    return row ? toPlenary(row as unknown as PlenaryRow) : null
  }

  async list(conventionId: string): Promise<StoredPlenary[]> {
    const rows = this.prepared(
      `SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE convention_id = ? ORDER BY opened_at DESC, id`,
    ).all(conventionId)
    return (rows as unknown as PlenaryRow[]).map(toPlenary)
  }

  async participantCounts(plenaryIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>()
    const count = this.prepared('SELECT COUNT(*) AS n FROM plenary_participants WHERE plenary_id = ?')
    for (const id of plenaryIds) counts.set(id, Number((count.get(id) as { n: number }).n))
    return counts
  }

  async close(plenaryId: string, closedAt: string): Promise<boolean> {
    const [changed] = await this.writer.statements([
      { sql: 'UPDATE plenaries SET closed_at = ? WHERE id = ? AND closed_at IS NULL', params: [closedAt, plenaryId] },
    ])
    return (changed ?? 0) > 0
  }

  async addParticipant(p: StoredParticipant): Promise<void> {
    await this.writer.statements([
      {
        sql: `INSERT INTO plenary_participants (id, plenary_id, name, token_hash, joined_at, excluded) VALUES (?, ?, ?, ?, ?, ?)`,
        params: [p.id, p.plenaryId, p.name, p.tokenHash, p.joinedAt, p.excluded ? 1 : 0],
      },
    ])
  }

  async participant(participantId: string): Promise<StoredParticipant | null> {
    const row = this.prepared('SELECT * FROM plenary_participants WHERE id = ?').get(participantId)
    return row ? toParticipant(row as unknown as ParticipantRow) : null
  }

  async participants(plenaryId: string): Promise<StoredParticipant[]> {
    const rows = this.prepared('SELECT * FROM plenary_participants WHERE plenary_id = ? ORDER BY joined_at, id').all(
      plenaryId,
    )
    return (rows as unknown as ParticipantRow[]).map(toParticipant)
  }

  async exclude(plenaryId: string, participantId: string): Promise<boolean> {
    const [changed] = await this.writer.statements([
      {
        sql: 'UPDATE plenary_participants SET excluded = 1 WHERE id = ? AND plenary_id = ? AND excluded = 0',
        params: [participantId, plenaryId],
      },
      {
        sql: 'UPDATE comment_threads SET hidden = 1 WHERE plenary_id = ? AND author_id = ?',
        params: [plenaryId, participantId],
      },
    ])
    return (changed ?? 0) > 0
  }

  async replaceSupports(plenaryId: string, participantId: string, blockIds: string[]): Promise<void> {
    try {
      await this.writer.statements([
        // the triggers refuse this once the plénière is closed or the participant excluded
        {
          sql: 'UPDATE plenary_participants SET supports_changed_at = ? WHERE id = ? AND plenary_id = ?',
          params: [new Date().toISOString(), participantId, plenaryId],
        },
        { sql: 'DELETE FROM plenary_supports WHERE participant_id = ?', params: [participantId] },
        // the budget trigger refuses the insert past the budget, and the whole transaction with it
        ...blockIds.map((blockId) => ({
          sql: 'INSERT INTO plenary_supports (plenary_id, participant_id, block_id) VALUES (?, ?, ?)',
          params: [plenaryId, participantId, blockId],
        })),
      ])
    } catch (error) {
      const reason = supportRefusalOf(error)
      if (reason) throw new SupportsRefused(reason)
      throw error
    }
  }

  async supportsOf(participantId: string): Promise<string[]> {
    const rows = this.prepared('SELECT block_id FROM plenary_supports WHERE participant_id = ? ORDER BY block_id').all(
      participantId,
    ) as { block_id: string }[]
    return rows.map((r) => r.block_id)
  }

  async supportCounts(plenaryId: string): Promise<Map<string, number>> {
    const rows = this.prepared(
      // an excluded participant's supports no longer count (they stay stored, as their comments do)
      `SELECT s.block_id, COUNT(*) AS n FROM plenary_supports s
         JOIN plenary_participants p ON p.id = s.participant_id
        WHERE s.plenary_id = ? AND NOT p.excluded GROUP BY s.block_id`,
    ).all(plenaryId) as { block_id: string; n: number }[]
    return new Map(rows.map((r) => [r.block_id, Number(r.n)]))
  }

  async setHidden(plenaryId: string, threadId: string, hidden: boolean): Promise<boolean> {
    const exists = this.prepared('SELECT 1 FROM comment_threads WHERE id = ? AND plenary_id = ?').get(
      threadId,
      plenaryId,
    )
    if (!exists) return false
    await this.writer.statements([
      {
        sql: 'UPDATE comment_threads SET hidden = ? WHERE id = ? AND plenary_id = ?',
        params: [hidden ? 1 : 0, threadId, plenaryId],
      },
    ])
    return true
  }

  async importRecords(conventionId: string, records: ExportedPlenary[]): Promise<void> {
    if (records.length === 0) return
    await this.writer.statements(
      records.map((record) => ({
        sql: 'INSERT INTO imported_plenaries (convention_id, record) VALUES (?, ?)',
        params: [conventionId, JSON.stringify(record)],
      })),
    )
  }

  async importedRecords(conventionId: string): Promise<ExportedPlenary[]> {
    const rows = this.prepared('SELECT record FROM imported_plenaries WHERE convention_id = ? ORDER BY seq').all(
      conventionId,
    ) as { record: string }[]
    return rows.map((r) => JSON.parse(r.record) as ExportedPlenary)
  }
}
