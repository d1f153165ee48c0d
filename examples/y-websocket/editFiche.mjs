#!/usr/bin/env node
// Edits a fiche action of an existing convention through the y-websocket door, with
// y-websocket's own provider and plain Yjs: no package of ours. See README.md.
import { parseArgs } from 'node:util'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://localhost:1234' },
    token: { type: 'string' },
    convention: { type: 'string' },
    fiche: { type: 'string', default: '1' },
    append: { type: 'string', default: ' (revu)' },
    timeout: { type: 'string', default: '15000' },
  },
})
if (!args.token || !args.convention) {
  console.error(
    'usage: node editFiche.mjs --token TOKEN --convention ID [--url ws://localhost:1234] [--fiche 1] [--append " (revu)"]',
  )
  process.exit(2)
}
const ficheNumber = Number(args.fiche)
const timeoutMs = Number(args.timeout)

const fail = (message) => {
  console.error(message)
  process.exit(1)
}
setTimeout(() => fail(`gave up after ${timeoutMs} ms`), timeoutMs).unref()

const doc = new Y.Doc()
const provider = new WebsocketProvider(`${args.url}/yjs`, args.convention, doc, {
  params: { token: args.token },
  WebSocketPolyfill: WebSocket,
  disableBc: true,
})
// the door answers a bad token (401), an unknown convention or a non-member (404) before the upgrade
provider.on('connection-error', (event) => fail(`connection refused: ${event.message ?? 'error'}`))
// 4400-4499: the server refused something for good (docs/api.md, "Limits and close codes")
provider.on('closed', ({ code, reason }) => fail(`closed by the server: ${code} ${reason}`))

// Every state vector the server sends (its sync step 1): the protocol has no acknowledgement,
// but the server's state vector after our edits tells what it has stored (docs/api.md).
const serverStateVectors = []
const handleSync = provider.messageHandlers[0]
provider.messageHandlers[0] = (encoder, decoder, ...rest) => {
  const peek = decoding.clone(decoder)
  if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
    serverStateVectors.push(Y.decodeStateVector(decoding.readVarUint8Array(peek)))
  }
  handleSync(encoder, decoder, ...rest)
}

await new Promise((resolve) => provider.once('sync', resolve))

// The document: the XmlFragment `default` holds the blocks; a fiche action is a `ficheAction`
// element whose `ficheTitle` child holds the title as text.
const fiches = doc
  .getXmlFragment('default')
  .toArray()
  .filter((block) => block instanceof Y.XmlElement && block.nodeName === 'ficheAction')
const fiche = fiches[ficheNumber - 1]
if (!fiche) fail(`the convention has ${fiches.length} fiche(s) action, not ${ficheNumber}`)
const titleField = fiche.toArray().find((child) => child instanceof Y.XmlElement && child.nodeName === 'ficheTitle')
if (!titleField) fail(`fiche ${ficheNumber} has no title field`)
let title = titleField.get(0)
doc.transact(() => {
  if (!(title instanceof Y.XmlText)) {
    title = new Y.XmlText()
    titleField.insert(0, [title])
  }
  title.insert(title.length, args.append)
})
console.log(`fiche ${ficheNumber}: « ${title.toString()} »`)

// Ask for the server's state vector: its answer comes after our update, which it stored first.
const mine = Y.getState(doc.store, doc.clientID)
const from = serverStateVectors.length
const request = encoding.createEncoder()
encoding.writeVarUint(request, 0) // sync
syncProtocol.writeSyncStep1(request, doc)
provider.ws.send(encoding.toUint8Array(request))
await new Promise((resolve) => {
  const check = () =>
    serverStateVectors.slice(from).some((sv) => (sv.get(doc.clientID) ?? 0) >= mine) ? resolve() : setTimeout(check, 20)
  check()
})
console.log('stored by the server')
provider.destroy()
process.exit(0)
