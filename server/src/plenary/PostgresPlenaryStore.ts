import type { ExportedPlenary } from '@ctg/shared'
import type pg from 'pg'
import { postgresTransaction } from '../storage/postgres/postgresTransaction.js'
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
 * Plénières in PostgreSQL. A change of supports first updates the participant's row, which
 * locks it until the commit: two changes of one participant, on any processes, run one after
 * the other, and the budget trigger counts what the previous one committed.
 */
export class PostgresPlenaryStore implements PlenaryStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(plenary: StoredPlenary): Promise<boolean> {
    try {
      await this.pool.query(
        `INSERT INTO plenaries (${PLENARY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        plenaryParams(plenary),
      )
      return true
    } catch (error) {
      if ((error as { code?: string; constraint?: string }).constraint === 'plenaries_code_key') return false
      throw error
    }
  }

  async get(plenaryId: string): Promise<StoredPlenary | null> {
    const { rows } = await this.pool.query<PlenaryRow>(`SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE id = $1`, [
      plenaryId,
    ])
    return rows[0] ? toPlenary(rows[0]) : null
  }

  async byCode(code: string): Promise<StoredPlenary | null> {
    const { rows } = await this.pool.query<PlenaryRow>(`SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE code = $1`, [
      code,
    ])
    return rows[0] ? toPlenary(rows[0]) : null
  }

  async list(conventionId: string): Promise<StoredPlenary[]> {
    const { rows } = await this.pool.query<PlenaryRow>(
      `SELECT ${PLENARY_COLUMNS} FROM plenaries WHERE convention_id = $1 ORDER BY opened_at DESC, id`,
      [conventionId],
    )
    return rows.map(toPlenary)
  }

  async participantCounts(plenaryIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(plenaryIds.map((id) => [id, 0]))
    if (plenaryIds.length === 0) return counts
    const { rows } = await this.pool.query<{ plenary_id: string; n: string }>(
      'SELECT plenary_id, COUNT(*) AS n FROM plenary_participants WHERE plenary_id = ANY($1) GROUP BY plenary_id',
      [plenaryIds],
    )
    for (const r of rows) counts.set(r.plenary_id, Number(r.n))
    return counts
  }

  async close(plenaryId: string, closedAt: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE plenaries SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL', [
      closedAt,
      plenaryId,
    ])
    return (result.rowCount ?? 0) > 0
  }

  async addParticipant(p: StoredParticipant): Promise<void> {
    await this.pool.query(
      `INSERT INTO plenary_participants (id, plenary_id, name, token_hash, joined_at, excluded) VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.id, p.plenaryId, p.name, p.tokenHash, p.joinedAt, p.excluded],
    )
  }

  async participant(participantId: string): Promise<StoredParticipant | null> {
    const { rows } = await this.pool.query<ParticipantRow>('SELECT * FROM plenary_participants WHERE id = $1', [
      participantId,
    ])
    return rows[0] ? toParticipant(rows[0]) : null
  }

  async participants(plenaryId: string): Promise<StoredParticipant[]> {
    const { rows } = await this.pool.query<ParticipantRow>(
      'SELECT * FROM plenary_participants WHERE plenary_id = $1 ORDER BY joined_at, id',
      [plenaryId],
    )
    return rows.map(toParticipant)
  }

  async exclude(plenaryId: string, participantId: string): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      const result = await client.query(
        'UPDATE plenary_participants SET excluded = true WHERE id = $1 AND plenary_id = $2 AND NOT excluded',
        [participantId, plenaryId],
      )
      await client.query('UPDATE comment_threads SET hidden = true WHERE plenary_id = $1 AND author_id = $2', [
        plenaryId,
        participantId,
      ])
      return (result.rowCount ?? 0) > 0
    })
  }

  async replaceSupports(plenaryId: string, participantId: string, blockIds: string[]): Promise<void> {
    try {
      await postgresTransaction(this.pool, async (client) => {
        // locks the participant's row; the trigger refuses once closed or excluded
        await client.query(
          'UPDATE plenary_participants SET supports_changed_at = $1 WHERE id = $2 AND plenary_id = $3',
          [new Date().toISOString(), participantId, plenaryId],
        )
        await client.query('DELETE FROM plenary_supports WHERE participant_id = $1', [participantId])
        for (const blockId of blockIds) {
          await client.query(
            'INSERT INTO plenary_supports (plenary_id, participant_id, block_id) VALUES ($1, $2, $3)',
            [plenaryId, participantId, blockId],
          )
        }
      })
    } catch (error) {
      const reason = supportRefusalOf(error)
      if (reason) throw new SupportsRefused(reason)
      throw error
    }
  }

  async supportsOf(participantId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ block_id: string }>(
      'SELECT block_id FROM plenary_supports WHERE participant_id = $1 ORDER BY block_id',
      [participantId],
    )
    return rows.map((r) => r.block_id)
  }

  async supportCounts(plenaryId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ block_id: string; n: string }>(
      // an excluded participant's supports no longer count (they stay stored, as their comments do)
      `SELECT s.block_id, COUNT(*) AS n FROM plenary_supports s
         JOIN plenary_participants p ON p.id = s.participant_id
        WHERE s.plenary_id = $1 AND NOT p.excluded GROUP BY s.block_id`,
      [plenaryId],
    )
    return new Map(rows.map((r) => [r.block_id, Number(r.n)]))
  }

  async setHidden(plenaryId: string, threadId: string, hidden: boolean): Promise<boolean> {
    const result = await this.pool.query('UPDATE comment_threads SET hidden = $1 WHERE id = $2 AND plenary_id = $3', [
      hidden,
      threadId,
      plenaryId,
    ])
    return (result.rowCount ?? 0) > 0
  }

  async importRecords(conventionId: string, records: ExportedPlenary[]): Promise<void> {
    if (records.length === 0) return
    await postgresTransaction(this.pool, async (client) => {
      for (const record of records) {
        await client.query('INSERT INTO imported_plenaries (convention_id, record) VALUES ($1, $2)', [
          conventionId,
          JSON.stringify(record),
        ])
      }
    })
  }

  async importedRecords(conventionId: string): Promise<ExportedPlenary[]> {
    const { rows } = await this.pool.query<{ record: string }>(
      'SELECT record FROM imported_plenaries WHERE convention_id = $1 ORDER BY seq',
      [conventionId],
    )
    return rows.map((r) => JSON.parse(r.record) as ExportedPlenary)
  }
}
