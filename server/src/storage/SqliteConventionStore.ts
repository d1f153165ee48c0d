import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SchemaIssue } from '@ctg/shared'
import type { ConventionStore, ConventionSummary, NewConvention } from './ConventionStore.js'

interface Row {
  id: string
  title: string
  period_start: number
  period_end: number
  created_at: string
  updated_at: string
  created_by: string
  issues: string
}

const SUMMARY_COLUMNS = 'id, title, period_start, period_end, created_at, updated_at, created_by, issues'

function toSummary(row: Row): ConventionSummary {
  return {
    id: row.id,
    title: row.title,
    period: { start: row.period_start, end: row.period_end },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    issues: JSON.parse(row.issues) as SchemaIssue[],
  }
}

/** Conventions in one SQLite file, through Node's built-in `node:sqlite` (no native build). */
export class SqliteConventionStore implements ConventionStore {
  private readonly db: DatabaseSync

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true })
    this.db = new DatabaseSync(file)
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      CREATE TABLE IF NOT EXISTS conventions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        period_end INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        state BLOB NOT NULL,
        issues TEXT NOT NULL DEFAULT '[]'
      );
    `)
  }

  async list(): Promise<ConventionSummary[]> {
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM conventions ORDER BY updated_at DESC`).all()
    return (rows as unknown as Row[]).map(toSummary)
  }

  async get(id: string): Promise<ConventionSummary | null> {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM conventions WHERE id = ?`).get(id)
    return row ? toSummary(row as unknown as Row) : null
  }

  async exists(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM conventions WHERE id = ?').get(id) !== undefined
  }

  async create(c: NewConvention): Promise<void> {
    const now = new Date().toISOString()
    this.db
      .prepare(
        `INSERT INTO conventions (id, title, period_start, period_end, created_at, updated_at, created_by, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.title, c.period.start, c.period.end, now, now, c.createdBy, c.state)
  }

  async loadState(id: string): Promise<Uint8Array | null> {
    const row = this.db.prepare('SELECT state FROM conventions WHERE id = ?').get(id) as
      { state: Uint8Array } | undefined
    return row ? new Uint8Array(row.state) : null
  }

  async saveState(id: string, state: Uint8Array, meta: { title: string; period: { start: number; end: number } }) {
    this.db
      .prepare(
        'UPDATE conventions SET state = ?, title = ?, period_start = ?, period_end = ?, updated_at = ? WHERE id = ?',
      )
      .run(state, meta.title, meta.period.start, meta.period.end, new Date().toISOString(), id)
  }

  async saveIssues(id: string, issues: SchemaIssue[]): Promise<void> {
    this.db.prepare('UPDATE conventions SET issues = ? WHERE id = ?').run(JSON.stringify(issues), id)
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }
}
