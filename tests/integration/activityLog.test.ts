import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { connectClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

interface Entry {
  seq: number
  userId: string | null
  userName: string | null
  action: string
  detail: Record<string, unknown>
}

async function activity(id: string, query = ''): Promise<{ activity: Entry[]; next: number | null }> {
  const response = await server.api(`/api/conventions/${id}/activity${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as { activity: Entry[]; next: number | null }
}

describe('the activity log', () => {
  it('records who opened, what they changed (block by block, coalesced) and role changes; each stored update names its author', async () => {
    const id = await createConvention(server, largeConvention())
    const editor = { id: 'u-elodie', name: 'Élodie (EPCI)' }
    const client = await connectClient(server.wsUrl, id, await server.memberToken(id, editor, 'editor'))
    // typing in the second fiche's title, keystroke by keystroke: one entry
    const title = fieldText(findElements(client.doc, 'ficheTitle')[1]!)
    for (const char of 'Vite ') title.insert(0, char)
    await client.settled()
    // read before the debounced compaction folds the log into the snapshot
    const db = new DatabaseSync(join(server.dataDir, 'ctg.sqlite'))
    const authors = db.prepare('SELECT DISTINCT user_id FROM convention_updates WHERE convention_id = ?').all(id)
    db.close()
    expect(authors).toEqual([{ user_id: 'u-elodie' }])
    // a reconnection within ten minutes is not a second `opened`
    const again = await connectClient(server.wsUrl, id, await server.token(editor))
    again.destroy()
    expect(
      (
        await server.api(`/api/conventions/${id}/members/${editor.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ role: 'reader' }),
        })
      ).status,
    ).toBe(200)
    client.destroy()

    const { activity: entries } = await activity(id)
    expect(entries.map((e) => [e.action, e.userId])).toEqual([
      ['role_changed', 'u-test'],
      ['changed', 'u-elodie'],
      ['opened', 'u-elodie'],
      ['created', 'u-test'],
    ])
    // named as the block was at the first keystroke of the window, as data the client words
    expect(entries[1]!.detail.block).toEqual({
      type: 'ficheAction',
      number: 2,
      title: expect.stringMatching(/Maintenir et développer une offre d’accueil/),
    })
    expect(entries[0]!.detail).toMatchObject({ userId: 'u-elodie', from: 'editor', to: 'reader' })

    // paginated, newest first
    const first = await activity(id, '?limit=2')
    expect(first.activity.map((e) => e.action)).toEqual(['role_changed', 'changed'])
    const rest = await activity(id, `?limit=2&before=${first.next}`)
    expect(rest.activity.map((e) => e.action)).toEqual(['opened', 'created'])
  })

  it('serves a row written before details were typed (a French label) as data', async () => {
    const id = await createConvention(server)
    const db = new DatabaseSync(join(server.dataDir, 'ctg.sqlite'))
    db.exec('PRAGMA busy_timeout = 5000')
    const insert = db.prepare(
      "INSERT INTO activity (convention_id, at, user_id, user_name, action, detail) VALUES (?, ?, 'u-old', 'Ancienne', 'changed', ?)",
    )
    insert.run(id, '2026-01-05T10:00:00.000Z', JSON.stringify({ block: 'Fiche action n°4 Accueil des familles' }))
    insert.run(id, '2026-01-05T10:01:00.000Z', JSON.stringify({ block: 'Signataires La Caf, , Commune' }))
    insert.run(id, '2026-01-05T10:02:00.000Z', JSON.stringify({ block: 'texte libre' }))
    db.close()
    const { activity: entries } = await activity(id)
    expect(entries.filter((e) => e.userId === 'u-old').map((e) => e.detail.block)).toEqual([
      { type: 'text' },
      { type: 'signatoryBlock', organisations: ['La Caf', 'Commune'] },
      { type: 'ficheAction', number: 4, title: 'Accueil des familles' },
    ])
  })

  it('refuses a malformed page request (400 invalid_query)', async () => {
    const id = await createConvention(server)
    expect((await server.api(`/api/conventions/${id}/activity?limit=0`)).status).toBe(400)
    expect((await server.api(`/api/conventions/${id}/activity?before=abc`)).status).toBe(400)
  })
})
