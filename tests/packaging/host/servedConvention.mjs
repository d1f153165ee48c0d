// Run by packages.test.ts with plain Node in a project that installed the packed tarballs:
// the embedded server serves a convention over HTTP and over its /collab WebSocket.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { editorSchema, editYDoc, positionsOfType } from '@ctg/extensions'
import { createCtgServer, readConfig } from '@ctg/server'
import WebSocket from 'ws'
import * as Y from 'yjs'

const waitFor = async (condition, what, timeoutMs = 30_000) => {
  const start = Date.now()
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'ctg-host-'))
const ctg = await createCtgServer(readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, QUIET: '1' }))
const url = `http://127.0.0.1:${ctg.port}`
const token = await ctg.tokens.issue({ id: 'u-host', name: 'Hôte' })
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
const created = await fetch(`${url}/api/conventions`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ title: 'Convention hôte', template: 'national', period: { start: 2026, end: 2030 } }),
})
if (created.status !== 201) throw new Error(`creating answered ${created.status}`)
const { id } = await created.json()
const exportJson = async () => (await fetch(`${url}/api/conventions/${id}/export?format=json`, { headers })).json()

// a Yjs client edits the first fiche's title through the socket, as an editor would
const doc = new Y.Doc()
const socket = new HocuspocusProviderWebsocket({
  url: `ws://127.0.0.1:${ctg.port}/collab`,
  WebSocketPolyfill: WebSocket,
})
const provider = new HocuspocusProvider({ websocketProvider: socket, name: id, document: doc, token })
provider.attach()
let synced = false
provider.on('synced', () => (synced = true))
await waitFor(() => synced, 'the first sync')
const title = 'Fiche écrite par l’application hôte'
const edited = editYDoc(doc, editorSchema, (tr) => {
  const fiche = positionsOfType(tr.doc, 'ficheAction')[0]
  tr.insertText(title, fiche + 2)
})
await waitFor(() => !provider.hasUnsyncedChanges, 'the server to acknowledge the edit')
await waitFor(
  async () =>
    (await exportJson()).content.some((block) => block.type === 'ficheAction' && block.title.startsWith(title)),
  'the export to hold the edit',
)
const exported = await exportJson()
provider.destroy()
socket.destroy()
await ctg.stop()
console.log(
  JSON.stringify({
    port: ctg.port,
    edited,
    title: exported.title,
    ficheTitles: exported.content.filter((block) => block.type === 'ficheAction').map((block) => block.title),
  }),
)
