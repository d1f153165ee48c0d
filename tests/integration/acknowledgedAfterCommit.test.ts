import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/**
 * Others see an edit as soon as it is checked; its writer is told "saved" only once it is
 * committed. The commit is held back for real: a second PostgreSQL session locks the log.
 */
describe('an edit reaches the others before its commit, and its writer only after', () => {
  let database: TestDatabase
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startTestServer({ env: { DATABASE_URL: database.url } })
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.stop()
    await database?.drop()
  })

  it('broadcasts while the log is locked, and acknowledges once the lock is released', async () => {
    const created = await server.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: smallConvention() }),
    })
    const { id } = (await created.json()) as { id: string }
    const token = await server.token()
    const writer = await connectClient(server.wsUrl, id, token)
    const reader = await connectClient(server.wsUrl, id, token)
    clients.push(writer, reader)
    const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!)

    const locker = new pg.Client({ connectionString: database.url })
    await locker.connect()
    try {
      await locker.query('BEGIN')
      // blocks every append until COMMIT
      await locker.query('LOCK TABLE convention_updates IN EXCLUSIVE MODE')
      title(writer).insert(0, 'Pendant le verrou : ')
      await waitFor(() => title(reader).toString().startsWith('Pendant le verrou : '), 'the reader sees the edit')
      // not stored yet: not acknowledged
      expect(writer.provider.hasUnsyncedChanges).toBe(true)
    } finally {
      await locker.query('COMMIT')
      await locker.end()
    }
    await writer.settled()
    const stored = new pg.Client({ connectionString: database.url })
    await stored.connect()
    const { rows } = await stored.query('SELECT count(*)::int AS n FROM convention_updates WHERE convention_id = $1', [
      id,
    ])
    await stored.end()
    expect(rows[0].n).toBeGreaterThan(0)
  })
})
