import { EDITOR_SCHEMA_FINGERPRINT } from '@ctg/extensions'
import { CLIENT_OUTDATED_REFUSAL } from '@ctg/shared'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient } from '../helpers/connectClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

/** How a provider whose socket says `schema` is answered: synced, or the refusal's reason. */
function outcome(server: TestServer, id: string, token: string, schema: string): Promise<string> {
  const socket = new HocuspocusProviderWebsocket({
    url: `${server.wsUrl}?schema=${schema}`,
    WebSocketPolyfill: WebSocket,
  })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: id, document: new Y.Doc(), token })
  provider.attach()
  return new Promise<string>((resolve) => {
    provider.on('synced', () => resolve('synced'))
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason))
  }).finally(() => {
    provider.destroy()
    socket.destroy()
  })
}

describe('a page built with another editor schema than the server’s', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server?.stop())

  it('is refused as outdated, while the same schema and clients that say nothing are let in', async () => {
    const created = await server.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: smallConvention() }),
    })
    const { id } = (await created.json()) as { id: string }
    const token = await server.token()
    expect(await outcome(server, id, token, 'deadbeef')).toBe(CLIENT_OUTDATED_REFUSAL.reason)
    expect(await outcome(server, id, token, EDITOR_SCHEMA_FINGERPRINT)).toBe('synced')
    // scripts and other Yjs runtimes do not edit through ProseMirror: no schema, no check
    const plain = await connectClient(server.wsUrl, id, token)
    expect(plain.provider.isSynced).toBe(true)
    plain.destroy()
  })
})
