import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { UnsentChanges, type UnsentStore, openCollabProvider } from '@ctg/client'
import { connectClient, waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/*
 * The editor's provider (openCollabProvider: batched updates, sync answer first) against
 * the real server: fast typing stays under the socket's message limits, and after a
 * close in the middle of typing every resend is accepted.
 */

interface Device {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  unsent: UnsentChanges
  closes: number[]
  destroy(): void
}

const running: TestServer[] = []
const cleanups: (() => void)[] = []
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup())
  await Promise.all(running.splice(0).map((server) => server.stop()))
})

async function start(env: Record<string, string> = {}) {
  const server = await startTestServer({ env })
  running.push(server)
  return server
}

/** A device as the browser client builds it (see useCollaboration), recording every close code. */
async function openDevice(server: TestServer, id: string): Promise<Device> {
  const doc = new Y.Doc()
  const store: UnsentStore = { origin: 'local copy', holdsUnsent: false, loaded: Promise.resolve() }
  const unsent = new UnsentChanges(doc, store)
  const { socket, provider } = openCollabProvider({
    url: server.wsUrl,
    name: id,
    document: doc,
    token: await server.token(),
    WebSocket: unsent.WebSocket,
    minDelay: 50,
    delay: 100,
    maxDelay: 300,
  })
  unsent.ignoreOrigin(provider)
  const closes: number[] = []
  socket.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code))
  provider.attach()
  await waitFor(() => provider.synced, 'first sync')
  const device = {
    doc,
    provider,
    socket,
    unsent,
    closes,
    destroy: () => {
      provider.destroy()
      socket.destroy()
      unsent.destroy()
    },
  }
  cleanups.push(device.destroy)
  return device
}

const titleOf = (doc: Y.Doc) => fieldText(findElements(doc, 'ficheTitle')[0]!)

/**
 * Keystrokes at `perSecond`, each its own transaction with a cursor move, as the editor
 * makes them: `keys` of them, and more (up to `maxKeys`) until `enough()` holds.
 */
async function type(device: Device, keys: number, perSecond: number, enough = () => true, maxKeys = keys) {
  const title = titleOf(device.doc)
  const startedAt = performance.now()
  let typed = 0
  while (typed < keys || (!enough() && typed < maxKeys)) {
    const due = Math.min(maxKeys, Math.floor(((performance.now() - startedAt) * perSecond) / 1000) + 1)
    for (; typed < due; typed++) {
      title.insert(title.length, String.fromCharCode(97 + (typed % 26)))
      device.provider.setAwarenessField('cursor', { anchor: typed })
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return typed
}

async function serverTitle(server: TestServer, id: string): Promise<string> {
  const response = await server.api(`/api/conventions/${id}/export?format=json`)
  const convention = (await response.json()) as { content: { type: string; title?: string }[] }
  return convention.content.find((block) => block.type === 'ficheAction')!.title!
}

describe('update batching', () => {
  it('1,500 keys at 300 a second with the default limits never close the socket', async () => {
    const server = await start()
    const id = await createConvention(server)
    const device = await openDevice(server, id)
    const startedAt = performance.now()
    await type(device, 1500, 300)
    const seconds = (performance.now() - startedAt) / 1000
    await waitFor(() => !device.unsent.unsent, 'every key acknowledged', 30_000)
    expect(device.closes).toEqual([])
    expect(seconds).toBeLessThan(8)
    const typed = titleOf(device.doc).toString()
    expect(typed.length).toBeGreaterThanOrEqual(1500)
    expect(await serverTitle(server, id)).toBe(typed)
  })

  it('a 20 KB paste with the default limits goes through in one message', async () => {
    const server = await start()
    const id = await createConvention(server)
    const device = await openDevice(server, id)
    const pasted = 'Texte collé depuis le diagnostic partagé du territoire. '.repeat(360)
    expect(pasted.length).toBeGreaterThan(20_000)
    titleOf(device.doc).insert(0, pasted)
    await waitFor(() => !device.unsent.unsent, 'paste acknowledged', 30_000)
    expect(device.closes).toEqual([])
    expect(await serverTitle(server, id)).toContain(pasted.trim())
  })
})

describe('resend after a close', () => {
  it('typing through closes in the middle of it: every resend is accepted and the documents converge', async () => {
    // limits low enough that even batched typing is closed (4429) every second or so
    const server = await start({ MESSAGES_PER_SECOND: '4', MESSAGE_BURST: '12' })
    const id = await createConvention(server)
    const device = await openDevice(server, id)
    // at least 1,200 keys, and on until the socket was closed three times (timers are slow under load)
    const closedThrice = () => device.closes.filter((code) => code === 4429).length >= 3
    const keys = await type(device, 1200, 300, closedThrice, 6000)
    // "depends on changes the server does not have" closes with 4422, after each reconnection
    expect(device.closes.filter((code) => code !== 4429)).toEqual([])
    expect(device.closes.filter((code) => code === 4429).length).toBeGreaterThanOrEqual(3)
    await waitFor(() => !device.unsent.unsent, 'every key acknowledged after the last reconnection', 30_000)
    expect(device.closes.filter((code) => code !== 4429)).toEqual([])
    const typed = titleOf(device.doc).toString()
    expect(typed.length).toBeGreaterThanOrEqual(keys)
    expect(await serverTitle(server, id)).toBe(typed)
    // another client converges on the same text
    const other = await connectClient(server.wsUrl, id, await server.memberToken(id, { id: 'u-other', name: 'Autre' }))
    cleanups.push(other.destroy)
    expect(titleOf(other.doc).toString()).toBe(typed)
  })

  it('a plain HocuspocusProvider (one message per key, no sync answer first) types through closes too: nothing is refused', async () => {
    // the server keeps an update whose dependencies were lost with a closed socket pending, and asks the client for them
    const server = await start({ MESSAGES_PER_SECOND: '20', MESSAGE_BURST: '40' })
    const id = await createConvention(server)
    const typist = await connectClient(server.wsUrl, id, await server.token())
    cleanups.push(typist.destroy)
    const closes: number[] = []
    typist.socket.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code))
    const title = titleOf(typist.doc)
    // about 150 keys a second, on until the socket was closed three times (or 20,000 keys)
    for (let typed = 0; typed < 20_000 && closes.filter((code) => code === 4429).length < 3; typed++) {
      title.insert(title.length, String.fromCharCode(97 + (typed % 26)))
      if (typed % 3 === 2) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(closes.filter((code) => code === 4429).length).toBeGreaterThanOrEqual(3)
    const typed = title.toString()
    const reader = await connectClient(
      server.wsUrl,
      id,
      await server.memberToken(id, { id: 'u-reader', name: 'Lecteur' }),
    )
    cleanups.push(reader.destroy)
    await waitFor(
      () => titleOf(reader.doc).toString() === typed,
      'every key to reach the server and the reader',
      30_000,
    )
    expect(closes.filter((code) => code !== 4429)).toEqual([])
    expect(await serverTitle(server, id)).toBe(typed)
  }, 90_000)
})
