import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureWarnings } from '../helpers/captureWarnings.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/**
 * Chaos seed 186 (under load) ended with two clients and a third each synced, nothing unsent,
 * neither side ever receiving the other's edits, and the file holding both: the signature of a
 * connection left on a copy of the document that is no longer the one the server serves. The
 * race that leaves it there is Hocuspocus's (a socket opening while the convention unloads);
 * here the state is made directly, by taking the copy out of Hocuspocus's map, so that the
 * guard is checked whatever the race: the stale connection is closed and reconnects to the live
 * copy, and unloading the stale copy leaves the live one in place.
 */
describe('a connection left on a stale copy of its document', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.stop()
    removeDir(server.dataDir)
  })

  it('is closed, reconnects to the live copy and hands its edits over; the live copy stays served', async () => {
    const id = await createConvention(server)
    const token = await server.token()
    const open = async () => {
      const client = await connectClient(server.wsUrl, id, token)
      clients.push(client)
      return client
    }
    const hocuspocus = server.ctg.server.hocuspocus
    const stale = await open()
    const staleCopy = hocuspocus.documents.get(id)!
    // the copy leaves the map as if unloaded, its connection still on it; a newcomer loads the next
    hocuspocus.documents.delete(id)
    const warnings = captureWarnings()
    const live = await open()
    const liveCopy = hocuspocus.documents.get(id)!
    expect(liveCopy).not.toBe(staleCopy)

    const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!).toString()
    const insert = (client: TestClient, text: string) =>
      fieldText(findElements(client.doc, 'ficheTitle')[0]!).insert(0, text)
    insert(stale, 'Hors ligne ? ')
    insert(live, 'En ligne. ')
    await waitFor(
      () =>
        title(stale).includes('En ligne. ') && title(live).includes('Hors ligne ? ') && title(stale) === title(live),
      'both edits on both clients',
      20_000,
    )
    expect(warnings.lines.join('\n')).toMatch(/a connection was found on a copy that is not the live one; closed/)
    // the stale copy's unload did not take the live one out of the map, nor destroy it
    await waitFor(() => staleCopy.isDestroyed, 'the stale copy destroyed once its connection left')
    expect(hocuspocus.documents.get(id)).toBe(liveCopy)
    expect(liveCopy.isDestroyed).toBe(false)
    const newcomer = await open()
    expect(title(newcomer)).toBe(title(live))
    warnings.stop()
  })
})
