import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { DocumentLog, type ConventionStore } from '@ctg/server'
import { readMeta, yDocToConvention, type Convention, type FicheActionBlock } from '@ctg/shared'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor } from '../helpers/connectClient.js'
import { freePort } from '../helpers/freePort.js'
import { issueTestToken, startServerProcess } from '../helpers/startServerProcess.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createTestDatabase } from '../helpers/testDatabase.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/** One engine under test: where its data lives, and raw SQL on it from outside the server. */
interface Engine {
  name: string
  /** a new, empty place for a server's data */
  prepare(): Promise<{ dataDir: string; env: Record<string, string>; sql(statement: string): Promise<void> }>
  cleanup(): Promise<void>
}

const sqlite: Engine = {
  name: 'SQLite',
  async prepare() {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-persist-'))
    return {
      dataDir,
      env: {},
      sql: async (statement) => {
        const db = new DatabaseSync(join(dataDir, 'ctg.sqlite'))
        // the server's writer thread may be committing (an activity entry): wait for it, as the server does
        db.exec('PRAGMA busy_timeout = 10000')
        db.exec(statement)
        db.close()
      },
    }
  },
  cleanup: async () => undefined,
}

const dropDatabases: (() => Promise<void>)[] = []
const postgres: Engine = {
  name: 'PostgreSQL',
  async prepare() {
    const database = await createTestDatabase()
    dropDatabases.push(database.drop)
    return {
      dataDir: mkdtempSync(join(tmpdir(), 'ctg-persist-')),
      env: { DATABASE_URL: database.url },
      sql: async (statement) => {
        const client = new pg.Client({ connectionString: database.url })
        await client.connect()
        await client.query(statement)
        await client.end()
      },
    }
  },
  cleanup: async () => {
    await Promise.all(dropDatabases.splice(0).map((drop) => drop()))
  },
}

const firstFicheTitle = (convention: Convention) =>
  (convention.content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title

/** What the store holds, merged, as a convention. */
async function storedConvention(store: ConventionStore, id: string): Promise<Convention> {
  const stored = await store.readDocument(id)
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, Y.mergeUpdates([stored!.snapshot, ...stored!.updates.map((u) => u.update)]))
  return yDocToConvention(doc)
}

describe.each([sqlite, postgres])('persistence on $name', (engine) => {
  let place: Awaited<ReturnType<Engine['prepare']>>
  let server: TestServer

  beforeAll(async () => {
    place = await engine.prepare()
    server = await startTestServer({ dataDir: place.dataDir, env: place.env })
  })
  afterAll(async () => {
    await server.stop()
    await engine.cleanup()
    removeDir(place.dataDir)
  })

  async function importSmall(target: { api: TestServer['api'] } = server): Promise<string> {
    const response = await target.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: smallConvention() }),
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }

  it('an acknowledged edit is in the store when it is acknowledged, with no save delay', async () => {
    const id = await importSmall()
    const client = await connectClient(server.wsUrl, id, await server.token())
    fieldText(findElements(client.doc, 'ficheTitle')[0]!).insert(0, 'Acquitté donc stocké — ')
    await client.settled()
    // in storage at the acknowledgement, without waiting for Hocuspocus's debounced save (2 s);
    // on a loaded machine that save (a compaction) may already have folded the log: the
    // stored document (snapshot and log) is what must hold the edit
    expect(firstFicheTitle(await storedConvention(server.ctg.store, id))).toBe(
      'Acquitté donc stocké — Ouvrir un relais petite enfance',
    )
    client.destroy()
  })

  it('the log is compacted into the snapshot and nothing is lost', async () => {
    const id = await importSmall()
    const client = await connectClient(server.wsUrl, id, await server.token())
    const title = fieldText(findElements(client.doc, 'ficheTitle')[0]!)
    for (const word of ['un ', 'deux ', 'trois ']) title.insert(0, word)
    await client.settled()
    expect((await server.ctg.store.readDocument(id))!.updates.length).toBeGreaterThan(0)
    await server.ctg.server.hocuspocus.flushPendingStores()
    await waitFor(() => false === server.ctg.server.hocuspocus.documents.get(id)?.saveMutex.isLocked(), 'store')
    const stored = (await server.ctg.store.readDocument(id))!
    expect(stored.updates).toEqual([])
    expect(stored.snapshotVersion).toBe(1)
    expect(firstFicheTitle(await storedConvention(server.ctg.store, id))).toBe(
      'trois deux un Ouvrir un relais petite enfance',
    )
    expect(await storedConvention(server.ctg.store, id)).toEqual(yDocToConvention(client.doc))
    client.destroy()
  })

  it('compactions racing with appends never drop an update', async () => {
    const id = await importSmall()
    const log = new DocumentLog(server.ctg.store, { info() {}, warn() {}, error() {} })
    const base = await log.load(id)
    const writers = [1, 2, 3, 4, 5, 6].map((n) => {
      const doc = new Y.Doc({ gc: false })
      Y.applyUpdate(doc, base!)
      doc.clientID = 1000 + n
      let update: Uint8Array = new Uint8Array()
      doc.on('update', (u: Uint8Array) => (update = u))
      doc.getMap('meta').set(`race-${n}`, n)
      return update
    })
    const meta = { title: 'Course', period: { start: 2026, end: 2027 } }
    await Promise.all(writers.flatMap((update) => [log.append(id, update, null), log.compact(id, meta)]))
    await log.compact(id, meta)
    const doc = new Y.Doc({ gc: false })
    Y.applyUpdate(doc, (await log.load(id))!)
    for (const n of [1, 2, 3, 4, 5, 6]) expect(doc.getMap('meta').get(`race-${n}`)).toBe(n)
    expect(readMeta(doc).title).toBe(smallConvention().title)
  })

  it('while several people append, a commit waits for the others to join it; one person alone never waits', async () => {
    const id = await importSmall()
    // the real store, its commits counted
    const commits: string[][] = []
    const store = new Proxy(server.ctg.store, {
      get(target, key, receiver) {
        if (key !== 'appendUpdates') return Reflect.get(target, key, receiver) as unknown
        return (entries: { userId: string | null }[]) => {
          commits.push(entries.map((e) => e.userId ?? 'server'))
          return target.appendUpdates(entries as never)
        }
      },
    })
    const silent = { info() {}, warn() {}, error() {} }
    const update = (n: number) => {
      const doc = new Y.Doc({ gc: false })
      doc.clientID = 5000 + n
      let bytes: Uint8Array = new Uint8Array()
      doc.on('update', (u: Uint8Array) => (bytes = u))
      doc.getMap('meta').set(`window-${n}`, n)
      return bytes
    }
    // a window no test could wait for: what is committed before drain() did not wait for it
    const alone = new DocumentLog(store, silent, 60_000)
    for (const n of [1, 2, 3]) await alone.append(id, update(n), 'u-a')
    expect(commits).toEqual([['u-a'], ['u-a'], ['u-a']])

    commits.length = 0
    const shared = new DocumentLog(store, silent, 60_000)
    await shared.append(id, update(4), 'u-a')
    // a second person: their update waits for others to join it, and mine joins it
    const second = shared.append(id, update(5), 'u-b')
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const third = shared.append(id, update(6), 'u-a')
    expect(commits).toEqual([['u-a']])
    await shared.drain()
    await Promise.all([second, third])
    expect(commits).toEqual([['u-a'], ['u-b', 'u-a']])
    const doc = new Y.Doc({ gc: false })
    Y.applyUpdate(doc, (await alone.load(id))!)
    for (const n of [1, 2, 3, 4, 5, 6]) expect(doc.getMap('meta').get(`window-${n}`)).toBe(n)
  })

  it('an undecodable log entry is skipped and kept aside; the convention still opens and compacts', async () => {
    const id = await importSmall()
    const client = await connectClient(server.wsUrl, id, await server.token())
    fieldText(findElements(client.doc, 'ficheTitle')[0]!).insert(0, 'Avant — ')
    await client.settled()
    client.destroy()
    await server.ctg.store.appendUpdates([{ conventionId: id, update: new Uint8Array([255, 0, 255, 7]), userId: null }])
    const log = new DocumentLog(server.ctg.store, { info() {}, warn() {}, error() {} })
    await log.compact(id, { title: 'Après', period: { start: 2026, end: 2027 } })
    const stored = (await server.ctg.store.readDocument(id))!
    expect(stored.updates.map((u) => [...u.update])).toEqual([[255, 0, 255, 7]])
    const reader = new Y.Doc()
    Y.applyUpdate(reader, (await log.load(id))!)
    expect(firstFicheTitle(yDocToConvention(reader))).toBe('Avant — Ouvrir un relais petite enfance')
  })

  it('a document that fails to load is never replaced, and opens once storage is back', async () => {
    const id = await importSmall()
    const before = await storedConvention(server.ctg.store, id)
    await place.sql('ALTER TABLE convention_updates RENAME TO convention_updates_away')
    // the client is refused with a reason that says "come back later"; no document stays loaded
    await expect(connectClient(server.wsUrl, id, await server.token())).rejects.toThrow('storage-unavailable')
    expect(server.ctg.server.hocuspocus.documents.has(id)).toBe(false)
    await place.sql('ALTER TABLE convention_updates_away RENAME TO convention_updates')
    const connected = await connectClient(server.wsUrl, id, await server.token())
    expect(yDocToConvention(connected.doc)).toEqual(before)
    expect(await storedConvention(server.ctg.store, id)).toEqual(before)
    connected.destroy()
  })

  it('an update the store cannot take is not acknowledged, and is stored once storage is back', async () => {
    const id = await importSmall()
    const client = await connectClient(server.wsUrl, id, await server.token())
    await place.sql('ALTER TABLE convention_updates RENAME TO convention_updates_away')
    fieldText(findElements(client.doc, 'ficheTitle')[0]!).insert(0, 'Pendant la panne — ')
    await waitFor(() => client.socket.status !== 'connected', 'the server closes the connection')
    expect(client.provider.hasUnsyncedChanges).toBe(true)
    await place.sql('ALTER TABLE convention_updates_away RENAME TO convention_updates')
    await waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, 'resent', 20_000)
    expect(firstFicheTitle(await storedConvention(server.ctg.store, id))).toBe(
      'Pendant la panne — Ouvrir un relais petite enfance',
    )
    client.destroy()
  })

  it('an acknowledged edit survives a SIGKILL of the server process', async () => {
    const port = await freePort()
    const own = await engine.prepare()
    let proc = await startServerProcess({ port, dataDir: own.dataDir, env: own.env })
    const token = await issueTestToken()
    const api = (path: string, init: RequestInit = {}) =>
      fetch(proc.httpUrl + path, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      })
    const id = await importSmall({ api })
    const client = await connectClient(proc.wsUrl, id, token)
    const title = fieldText(findElements(client.doc, 'ficheTitle')[0]!)
    for (const char of 'Tapé puis tué — ') title.insert(title.length - 'Ouvrir un relais petite enfance'.length, char)
    await client.settled()
    // the client goes away with the server: only storage can bring the edit back
    client.destroy()
    await proc.kill()

    proc = await startServerProcess({ port, dataDir: own.dataDir, env: own.env })
    const again = await connectClient(proc.wsUrl, id, token)
    expect(firstFicheTitle(yDocToConvention(again.doc))).toBe('Tapé puis tué — Ouvrir un relais petite enfance')
    again.destroy()
    await proc.stop()
    removeDir(own.dataDir)
    // two process starts (tsx compiles the server each time) take tens of seconds on a loaded machine
  }, 120_000)
})

describe('persistence on SQLite', () => {
  it('opens a data directory written by the first release (one state blob per convention)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-v1-'))
    const doc = new Y.Doc({ gc: false })
    doc.getMap('meta').set('title', 'Ancienne convention')
    const db = new DatabaseSync(join(dataDir, 'ctg.sqlite'))
    db.exec(`CREATE TABLE conventions (id TEXT PRIMARY KEY, title TEXT NOT NULL, period_start INTEGER NOT NULL,
      period_end INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL,
      state BLOB NOT NULL, issues TEXT NOT NULL DEFAULT '[]')`)
    db.prepare('INSERT INTO conventions VALUES (?, ?, 2025, 2028, ?, ?, ?, ?, ?)').run(
      'c-old',
      'Ancienne convention',
      '2025-01-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
      'u-1',
      Y.encodeStateAsUpdate(doc),
      '[]',
    )
    db.close()
    const server = await startTestServer({ dataDir })
    expect(await server.ctg.store.get('c-old')).toMatchObject({ title: 'Ancienne convention' })
    const merged = new Y.Doc()
    Y.applyUpdate(merged, (await server.ctg.store.readDocument('c-old'))!.snapshot)
    expect(merged.getMap('meta').get('title')).toBe('Ancienne convention')
    await server.stop()
    removeDir(dataDir)
  })
})
