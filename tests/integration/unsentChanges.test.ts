import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { UnsentChanges, type UnsentStore } from '@ctg/client'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/*
 * The client's UnsentChanges against the real server, over Node's own WebSocket (the
 * class the browser client extends), with HocuspocusProvider as the browser uses it.
 */

interface Device {
  doc: Y.Doc
  unsent: UnsentChanges
  provider: HocuspocusProvider
  store: UnsentStore
  /** what the browser client does on its `offline` event */
  goOffline(): Promise<void>
  destroy(): void
}

const running: TestServer[] = []
const devices: Device[] = []
afterEach(async () => {
  devices.splice(0).forEach((device) => device.destroy())
  await Promise.all(running.splice(0).map((server) => server.stop()))
})

async function start() {
  const server = await startTestServer()
  running.push(server)
  return server
}

/** A device as the browser client builds it, with a local copy that is already loaded (or `loaded`). */
async function openDevice(
  server: TestServer,
  id: string,
  { doc = new Y.Doc(), holdsUnsent = false, loaded = Promise.resolve() } = {},
): Promise<Device> {
  const store: UnsentStore = { origin: 'local copy', holdsUnsent, loaded }
  const unsent = new UnsentChanges(doc, store)
  const socket = new HocuspocusProviderWebsocket({
    url: server.wsUrl,
    WebSocketPolyfill: unsent.WebSocket,
    // retries come quickly after a restart (minDelay must stay below maxDelay)
    minDelay: 50,
    delay: 100,
    maxDelay: 500,
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: id,
    document: doc,
    token: await server.token(),
  })
  unsent.ignoreOrigin(provider)
  provider.attach()
  await waitFor(() => provider.synced, 'first sync')
  const device = {
    doc,
    unsent,
    provider,
    store,
    goOffline: async () => {
      socket.disconnect()
      await waitFor(() => socket.status === 'disconnected', 'disconnected')
    },
    destroy: () => {
      provider.destroy()
      socket.destroy()
      unsent.destroy()
    },
  }
  devices.push(device)
  return device
}

const titleOf = (doc: Y.Doc) => fieldText(findElements(doc, 'ficheTitle')[0]!)

async function serverTitle(server: TestServer, id: string): Promise<string> {
  const convention = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
    content: { type: string; title?: string }[]
  }
  return convention.content.find((block) => block.type === 'ficheAction')!.title!
}

describe('UnsentChanges', () => {
  it('says unsent from a change until the server acknowledges it, and keeps the flag for a reload', async () => {
    const server = await start()
    const id = await createConvention(server)
    const device = await openDevice(server, id)
    await waitFor(() => !device.unsent.unsent && device.provider.unsyncedChanges === 0, 'settled')
    const changes: boolean[] = []
    device.unsent.subscribe(() => changes.push(device.unsent.unsent))

    titleOf(device.doc).insert(0, 'En ligne — ')
    expect(device.unsent.unsent).toBe(true)
    expect(device.store.holdsUnsent).toBe(true)
    await waitFor(() => !device.unsent.unsent, 'acknowledged')
    expect(changes).toEqual([true, false])
    expect(device.store.holdsUnsent).toBe(false)
    expect(device.unsent.confirmedAt).toBeInstanceOf(Date)
    expect(await serverTitle(server, id)).toMatch(/^En ligne — /)
  })

  it('does not call changes typed offline sent before the sync answer that holds them is acknowledged', async () => {
    const server = await start()
    const id = await createConvention(server)
    const device = await openDevice(server, id)
    await device.goOffline()

    // five changes offline: the provider queues them and sends them first on reconnection
    for (const word of ['Un ', 'deux ', 'trois ', 'quatre ', 'cinq ']) titleOf(device.doc).insert(0, word)
    expect(device.unsent.unsent).toBe(true)

    // the provider's counter reaches 0 when the first queued change is acknowledged, before the rest
    const unsentWhenProviderSaysSynced: boolean[] = []
    device.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number === 0) unsentWhenProviderSaysSynced.push(device.unsent.unsent)
    })
    void device.provider.configuration.websocketProvider.connect()
    await waitFor(() => !device.unsent.unsent, 'acknowledged after reconnection')
    expect(unsentWhenProviderSaysSynced[0]).toBe(true)
    expect(await serverTitle(server, id)).toMatch(/^cinq quatre trois deux Un /)
  })

  it('holds a reloaded copy as unsent until the server has it, and not before the copy is loaded', async () => {
    const server = await start()
    const id = await createConvention(server)
    // what IndexedDB would hold after an offline edit: the server's content and one change more
    const offline = await openDevice(server, id)
    await offline.goOffline()
    titleOf(offline.doc).insert(0, 'Hors ligne — ')
    const stored = Y.encodeStateAsUpdate(offline.doc)

    let load = () => {}
    const loaded = new Promise<void>((resolve) => (load = resolve))
    const doc = new Y.Doc()
    const reloaded = await openDevice(server, id, { doc, holdsUnsent: true, loaded })
    // connected and synced, but the copy is not in the document yet: nothing is confirmed
    await waitFor(() => reloaded.provider.unsyncedChanges === 0, 'provider settled')
    expect(reloaded.unsent.unsent).toBe(true)

    Y.applyUpdate(doc, stored, 'local copy')
    load()
    await waitFor(() => !reloaded.unsent.unsent, 'acknowledged', 15_000)
    expect(await serverTitle(server, id)).toMatch(/^Hors ligne — /)
  })
})
