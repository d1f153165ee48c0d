import { editorSchema } from '@ctg/extensions'
import { conventionNodes, conventionModel, validateEditorJson, yDocToConvention, yDocToEditorJson } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { describeBlockDeletions } from './blockDeletions.js'
import { pickEdit } from './editorEdits.js'
import { EditorPeer } from './EditorPeer.js'

export interface EditorFuzzOptions {
  peers: number
  rounds: number
  editsPerRound: number
}

export interface EditorFuzzReport {
  seed: number
  /** edits applied, by kind */
  edits: Record<string, number>
  disconnects: number
  /** entries added inside a block that someone moved meanwhile (a move writes the block as a new element): lost, counted, allowed */
  lostToMoves: number
}

type Role = 'block' | 'entry' | 'field'
const roleOf = (node: PMNode) => (conventionNodes as Record<string, { role: Role }>)[node.type.name]?.role

/** Every block and entry id of a document, with the id of the block or entry that holds it. */
function blockIds(doc: PMNode): Map<string, string | null> {
  const ids = new Map<string, string | null>()
  const walk = (node: PMNode, holder: string | null) => {
    node.forEach((child) => {
      const role = roleOf(child)
      const id = (role === 'block' || role === 'entry') && (child.attrs.id as string | null)
      if (id) ids.set(id, holder)
      walk(child, id || holder)
    })
  }
  walk(doc, null)
  return ids
}

/** Where two serialisations first differ, with some context (for a failure message). */
function firstDifference(a: string, b: string): string {
  if (a === b) return 'same'
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `differ at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`
}

const pmDoc = (ydoc: Y.Doc) => editorSchema.nodeFromJSON(yDocToEditorJson(ydoc))

/**
 * The seeded convergence fuzz with the real binding: `peers` people edit one convention
 * in Tiptap editors bound by `@tiptap/extension-collaboration`, through a real server,
 * with random delays on each link and random disconnections. They type, delete, split and
 * join paragraphs, delete whole paragraphs of a field, undo, move blocks, add and remove
 * key actions, rows and signatories. After each round every editor, every editor's Y.Doc
 * and the server hold the same document; no block or entry has disappeared that nobody
 * deleted; the export validates; no field is left empty. The edits are drawn from the
 * seed; the network's timing is the machine's, as in the chaos run.
 */
export async function runEditorFuzz(server: TestServer, seed: number, options: EditorFuzzOptions) {
  const gen = prng.create(seed)
  const id = await createConvention(server, twoOfEachKindConvention())
  const token = await server.token()
  const peers: EditorPeer[] = []
  for (let i = 0; i < options.peers; i++) peers.push(await EditorPeer.connect(`peer ${i}`, server.wsUrl, id, token))
  const report: EditorFuzzReport = { seed, edits: {}, disconnects: 0, lostToMoves: 0 }
  const fail = (message: string) => new Error(`seed ${seed}: ${message}`)

  // what each block or entry id was last seen inside, and what people deleted or moved on purpose
  const seen = new Map<string, string | null>()
  const deleted = new Set<string>()
  const moved = new Set<string>()
  const remember = (doc: PMNode) => blockIds(doc).forEach((holder, blockId) => seen.set(blockId, holder))
  peers.forEach((peer) => remember(peer.editor.state.doc))

  // the server's own deletions (its repairs; a client's arrive as updates and are recorded by that client)
  const served = () => server.ctg.server.hocuspocus.documents.get(id)!
  const serverDeletions: { blockId: string; what: string }[] = []
  const watched = new WeakSet<Y.Doc>()
  const watchServer = () => {
    const doc = server.ctg.server.hocuspocus.documents.get(id)
    if (!doc || watched.has(doc)) return
    watched.add(doc)
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const context = (transaction.origin as { context?: unknown } | null)?.context
      if (typeof context === 'string')
        serverDeletions.push(...describeBlockDeletions(transaction, `the server's ${context}`))
    })
  }
  watchServer()
  const deletionsOf = (blockId: string) =>
    [...serverDeletions, ...peers.flatMap((peer) => peer.blockDeletions)]
      .filter((d) => d.blockId === blockId)
      .map((d) => `  ${d.what}`)
      .join('\n') || '  none recorded'

  try {
    for (let round = 0; round < options.rounds; round++) {
      for (let step = 0; step < options.editsPerRound; step++) {
        const peer = peers[prng.int32(gen, 0, peers.length - 1)]!
        const before = blockIds(peer.editor.state.doc)
        const elementsBefore = peer.blockElements()
        const { name, edit } = pickEdit(gen)
        const closesBefore = peers.map((p) => p.closes.length)
        peer.action = `${name} (round ${round} step ${step})`
        const done = edit(peer.editor, gen)
        peer.action = null
        watchServer()
        if (done) {
          report.edits[name] = (report.edits[name] ?? 0) + 1
          const after = blockIds(peer.editor.state.doc)
          // a local edit that removed an id removed it on purpose (a deletion, an undo of an insertion)
          for (const blockId of before.keys()) if (!after.has(blockId)) deleted.add(blockId)
          // a move (or its undo) writes the block as a new element: what others add inside the old one meanwhile is lost
          const elementsAfter = peer.blockElements()
          for (const [blockId, element] of elementsBefore) {
            const now = elementsAfter.get(blockId)
            if (now !== undefined && now !== element) moved.add(blockId)
          }
          remember(peer.editor.state.doc)
        }
        for (const other of peers) {
          if (other.online && prng.real53(gen) < 0.02) {
            other.disconnect()
            report.disconnects++
          } else if (!other.online && prng.real53(gen) < 0.25) other.reconnect()
          other.deliver(gen)
          remember(other.editor.state.doc)
        }
        await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 2)))
        if (process.env.FUZZ_VERBOSE) {
          const closed = peers
            .filter((p, i) => p.closes.length > closesBefore[i]!)
            .map((p) => `${p.name} ${p.closes.at(-1)}`)
          console.log(
            `seed ${seed} round ${round} step ${step}: ${peer.name} ${name}${closed.length ? ` — closed: ${closed.join(', ')}` : ''}`,
          )
        }
      }

      // end of the round: everyone back online, every held update delivered, until all agree
      for (const peer of peers) if (!peer.online) peer.reconnect()
      const agree = () => {
        watchServer()
        for (const peer of peers) peer.deliverAll()
        if (!peers.every((peer) => peer.settled)) return false
        // compared as JSON: node.eq also tells apart attributes that are undefined in one and absent in the other
        const reference = JSON.stringify(pmDoc(served()).toJSON())
        return peers.every(
          (peer) =>
            JSON.stringify(peer.editor.state.doc.toJSON()) === reference &&
            JSON.stringify(pmDoc(peer.editorDoc).toJSON()) === reference,
        )
      }
      const divergence = () => {
        const reference = JSON.stringify(pmDoc(served()).toJSON())
        const serverVector = [...Y.decodeStateVector(Y.encodeStateVector(served()))].map(([c, k]) => `${c}:${k}`)
        return peers
          .map((peer) => {
            const own = JSON.stringify(peer.editor.state.doc.toJSON())
            const ofY = JSON.stringify(pmDoc(peer.editorDoc).toJSON())
            return `${peer.describe()}; editor vs server ${firstDifference(own, reference)}; editor vs its Y.Doc ${firstDifference(own, ofY)}`
          })
          .concat(`server: state vector ${serverVector.join(' ')}`)
          .join('\n')
      }
      // concurrent moves of one block leave two copies, which the server resolves shortly after the last change
      const exportProblems = () => {
        const issues = validateEditorJson(editorSchema, yDocToEditorJson(served()))
        if (issues.length) return JSON.stringify(issues)
        const exported = conventionModel.safeParse(yDocToConvention(served()))
        return exported.success ? null : exported.error.message
      }
      await waitFor(
        () => agree() && exportProblems() === null,
        () => `seed ${seed} round ${round}: peers converge on a valid export\n${divergence()}\n${exportProblems()}`,
        30_000,
      )

      if (process.env.FUZZ_VERBOSE) {
        const deletions = [...serverDeletions, ...peers.flatMap((peer) => peer.blockDeletions)]
        console.log(
          `seed ${seed} round ${round}: deletions\n${deletions.map((d) => `  ${d.blockId}: ${d.what}`).join('\n')}`,
        )
      }
      const final = peers[0]!.editor.state.doc
      const present = blockIds(final)
      for (const [blockId, holder] of seen) {
        if (present.has(blockId) || deleted.has(blockId)) continue
        if (holder !== null && deleted.has(holder)) continue
        if (holder !== null && moved.has(holder)) {
          report.lostToMoves++
          deleted.add(blockId)
          continue
        }
        throw fail(
          `round ${round}: ${blockId} disappeared, and nobody deleted it (it was in ${holder ?? 'the document'}); its elements' deletions:\n${deletionsOf(blockId)}`,
        )
      }
      const json = yDocToEditorJson(served())
      const issues = validateEditorJson(editorSchema, json)
      if (issues.length) throw fail(`round ${round}: the document breaks the schema: ${JSON.stringify(issues)}`)
      final.descendants((node) => {
        if ((conventionNodes as Record<string, { fill?: string }>)[node.type.name]?.fill && node.childCount === 0)
          throw fail(`round ${round}: a ${node.type.name} was left empty`)
      })
    }
    return report
  } finally {
    for (const peer of peers) peer.destroy()
  }
}
