import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Database } from '@hocuspocus/extension-database'
import { Server, type Extension } from '@hocuspocus/server'
import * as Y from 'yjs'
import { directConnections, runServerChild } from './serverChild.js'

/**
 * Stock Hocuspocus with its defaults and none of our extensions. BENCH_PERSISTENCE=sqlite adds
 * the stock @hocuspocus/extension-database over node:sqlite (debounced whole-state stores),
 * the comparison for the durable-store benchmark; otherwise documents come from memory.
 */
const persistence = process.env.BENCH_PERSISTENCE ?? 'none'
const states = new Map<string, Uint8Array>()
const extensions: Extension[] = []
let db: DatabaseSync | undefined
let dataDir: string | undefined

if (persistence === 'sqlite') {
  dataDir = mkdtempSync(join(tmpdir(), 'ctg-bench-bare-'))
  const sqlite = new DatabaseSync(join(dataDir, 'bare.sqlite'))
  sqlite.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
    CREATE TABLE documents (name TEXT PRIMARY KEY, state BLOB NOT NULL)`)
  db = sqlite
  extensions.push(
    new Database({
      fetch: async ({ documentName }) => {
        const row = sqlite.prepare('SELECT state FROM documents WHERE name = ?').get(documentName)
        return row ? (row.state as Uint8Array) : null
      },
      store: async ({ documentName, state }) => {
        sqlite
          .prepare(
            'INSERT INTO documents (name, state) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state',
          )
          .run(documentName, state)
      },
    }),
  )
}

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions,
  async onLoadDocument({ document, documentName }) {
    const state = states.get(documentName)
    if (state) Y.applyUpdate(document, state)
  },
})
await server.listen()

runServerChild({
  port: server.address.port,
  seed: async (state, names) => {
    for (const name of names) {
      if (db) db.prepare('INSERT INTO documents (name, state) VALUES (?, ?)').run(name, state)
      else states.set(name, state)
    }
  },
  tokens: async (count) => Array<string>(count).fill(''),
  ...directConnections(server.hocuspocus),
  stop: async () => {
    await server.destroy()
    db?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  },
})
