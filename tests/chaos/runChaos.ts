import { mkdtempSync, readFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import {
  addIndicatorRow,
  addIndicatorYear,
  addKeyAction,
  addSignatory,
  editorSchema,
  editYDoc,
  insertFicheAction,
  positionsOfType,
  removeIndicatorYear,
} from '@ctg/extensions'
import { Y_FRAGMENT_NAME } from '@ctg/shared'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { Transaction } from '@tiptap/pm/state'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { UnsentChanges } from '@ctg/client'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { waitFor } from '../helpers/connectClient.js'
import { freePort } from '../helpers/freePort.js'
import { issueTestToken, startServerProcess, type ServerProcess } from '../helpers/startServerProcess.js'
import { removeDir } from '../helpers/startTestServer.js'

export interface ChaosOptions {
  clients: number
  steps: number
  /** print each step */
  verbose?: boolean
}

export interface ChaosReport {
  seed: number
  edits: number
  serverKills: number
  clientCrashes: number
  disconnects: number
  /** edits the server acknowledged, each checked against storage */
  acknowledged: number
  /** acknowledged edits missing from storage: must be 0 */
  lost: number
  /** sockets the server closed because Hocuspocus attached them to a document it was unloading */
  unloadedCopies: number
  /** updates whose document was unloaded while they were checked, refused (not stored) */
  unloadedUpdates: number
  /** times the server dropped such waiting changes (refused with the update that brought their dependencies) */
  droppedPending: number
  /**
   * times the file, right after the final SIGKILL, lacked a change of the server's own (a repair
   * made after the last edit, broadcast before its commit) that the clients then handed back
   */
  lateServerChanges: number
}

interface ChaosClient {
  doc: Y.Doc
  unsent: UnsentChanges
  socket: HocuspocusProviderWebsocket
  provider: HocuspocusProvider
  everSynced: boolean
  /** the last close codes and reasons the server sent this client */
  closes: string[]
}

/**
 * What a client holds, to explain a failure from the log alone: its state vector, the
 * structs and deletions it holds without their dependencies (pending), its socket, the
 * provider's and the unsent tracker's view, and the last close codes it met.
 */
/** A document's state vector and what it holds without its dependencies (pending structs and deletions). */
function describeDoc(doc: Y.Doc): string[] {
  const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([c, clock]) => `${c}:${clock}`).join(' ')
  const pending = doc.store.pendingStructs
    ? `missing ${[...doc.store.pendingStructs.missing].map(([c, clock]) => `${c}:${clock}`).join(' ')}`
    : 'none'
  return [
    `  state vector ${vector}`,
    `  pending structs ${pending}; pending deletions ${doc.store.pendingDs ? 'yes' : 'none'}`,
  ]
}

function describeClient(client: ChaosClient): string {
  const { doc } = client
  return [
    `client ${doc.clientID}: socket ${client.socket.status}, authenticated ${client.provider.isAuthenticated}, synced ${client.provider.isSynced}, unsent ${client.unsent.unsent}, provider's unsynced ${client.provider.unsyncedChanges}`,
    ...describeDoc(doc),
    `  last closes [${client.closes.slice(-5).join(', ')}]`,
  ].join('\n')
}

/** What a struct is, in a few words: its id, what it holds and where (for a failure's log). */
function describeStruct(doc: Y.Doc, struct: Y.Item | Y.GC | Y.Skip): string {
  const id = `${struct.id.client}:${struct.id.clock}+${struct.length}`
  if (!(struct instanceof Y.Item)) return `${id} ${struct.constructor.name}`
  const item = Y.getItem(doc.store, struct.id) as Y.Item
  const content = item.content
  const what =
    content instanceof Y.ContentType
      ? `<${(content.type as Y.XmlElement).nodeName ?? 'text'}>`
      : content instanceof Y.ContentString
        ? JSON.stringify(content.str)
        : JSON.stringify(content.getContent()).slice(0, 40)
  const parent = item.parent instanceof Y.XmlElement ? `in <${item.parent.nodeName}>` : 'in a text or the root'
  return `${id} ${what}${item.parentSub ? ` as ${item.parentSub}` : ''} ${parent}${item.deleted ? ' (deleted)' : ''}`
}

/** The structs `stored` holds beyond the state vector of `doc`, described (at most 20). */
function structsBeyond(stored: Y.Doc, doc: Y.Doc, what = 'structs stored that the clients lack'): string {
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(stored, Y.encodeStateVector(doc)))
  const lines = structs.slice(0, 20).map((s) => `  ${describeStruct(stored, s)}`)
  return lines.length > 0 ? `${what}:\n${lines.join('\n')}` : ''
}

/** Text fields and free text: every Y.XmlText of the document, in order. */
function allTexts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = []
  const walk = (parent: Y.XmlElement | Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) out.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(doc.getXmlFragment(Y_FRAGMENT_NAME))
  return out
}

const visibleState = (doc: Y.Doc) =>
  JSON.stringify([doc.getXmlFragment(Y_FRAGMENT_NAME).toJSON(), doc.getMap('meta').toJSON()])

/** Reads the SQLite file the killed server left: snapshot plus log, merged. */
function storedDoc(dataDir: string, id: string): Y.Doc {
  const db = new DatabaseSync(join(dataDir, 'ctg.sqlite'))
  // read while the server's writer thread may be committing
  db.exec('PRAGMA busy_timeout = 5000')
  const head = db.prepare('SELECT snapshot FROM conventions WHERE id = ?').get(id) as { snapshot: Uint8Array }
  const log = db.prepare('SELECT "update" FROM convention_updates WHERE convention_id = ? ORDER BY seq').all(id) as {
    update: Uint8Array
  }[]
  db.close()
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, Y.mergeUpdates([head.snapshot, ...log.map((l) => l.update)]))
  return doc
}

/** The CPU seconds a process has used (Linux's /proc, in clock ticks of 1/100 s), or null once it is gone. */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    // after the command name: state is field 3, utime and stime are fields 14 and 15
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/**
 * The server's logger lines and restarts, without the stack traces Hocuspocus prints for
 * each refused connection (a client refused in a loop would fill the failure's log with
 * them): a run of the same message is one line with its count.
 */
function serverLines(log: string): string[] {
  const lines: string[] = []
  let last = ''
  let repeats = 0
  const flush = () => repeats > 1 && lines.push(`  (the line above ${repeats} times, the last at ${last.slice(0, 24)})`)
  for (const line of log.split('\n')) {
    if (!/^\d{4}-\d\d-\d\dT|^--- SIGKILL ---/.test(line)) continue
    const message = line.slice(25)
    if (message === last.slice(25)) {
      repeats++
      last = line
      continue
    }
    flush()
    lines.push(line)
    last = line
    repeats = 1
  }
  flush()
  return lines
}

/**
 * A seeded randomized run in the manner of Yjs's `applyRandomTests`, over the real
 * server process and real WebSockets: clients edit free text and the three
 * structured blocks, go offline, crash (losing what they hold) and the server is
 * SIGKILLed and restarted. At the end every client and the stored document must be
 * identical, and every edit the server acknowledged must be in storage.
 *
 * The seed fixes the sequence of actions; network timing, and so the exact
 * interleaving of messages, still varies between runs.
 */
export async function runChaos(seed: number, options: ChaosOptions): Promise<ChaosReport> {
  // the plan (which client does what, and when) has its own generator, so that it
  // replays identically even when network timing changes what an edit finds to edit
  const plan = prng.create(seed)
  const gen = prng.create(seed * 7919 + 1)
  const log = (message: string) => options.verbose && console.log(`[seed ${seed}] ${message}`)
  const report: ChaosReport = {
    seed,
    edits: 0,
    serverKills: 0,
    clientCrashes: 0,
    disconnects: 0,
    acknowledged: 0,
    lost: 0,
    unloadedCopies: 0,
    droppedPending: 0,
    unloadedUpdates: 0,
    lateServerChanges: 0,
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ctg-chaos-'))
  const port = await freePort()
  const token = await issueTestToken({ id: 'u-chaos', name: 'Chaos' })
  // the server's log (QUIET off: its repairs and waiting updates too) explains a failure
  const serverEnv = { QUIET: '0' }
  /** when the running server process started: a wait that times out says how much CPU it had meanwhile */
  let serverStartedAt = performance.now()
  const startServer = () => {
    serverStartedAt = performance.now()
    return startServerProcess({ port, dataDir, env: serverEnv })
  }
  let server: ServerProcess | null = await startServer()
  const clients: ChaosClient[] = []
  /** the Yjs client ids of crashed clients, to tell their changes from the server's in a failure */
  const crashed: number[] = []
  /** per Yjs client id, the clock up to which the server acknowledged its edits */
  const acked = new Map<number, number>()
  /** every edit made, as the clock its client reached with it */
  const made: { clientId: number; clock: number }[] = []

  const response = await fetch(`${server.httpUrl}/api/conventions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ convention: smallConvention() }),
  })
  const { id } = (await response.json()) as { id: string }

  // the server processes' own words (refusals, repairs, restarts), for a failure message
  let earlierLogs = ''
  const serverLog = () =>
    [
      // the server's document may hold pending structs too (an update waiting for its dependencies)
      `stored document:\n${describeDoc(storedDoc(dataDir, id)).join('\n')}`,
      `crashed clients: ${crashed.join(' ')}`,
      // a machine too busy to give the server a processor looks like a server that stopped answering
      `server process: ${cpuSecondsOf(server?.child.pid)} s of CPU in the ${((performance.now() - serverStartedAt) / 1000).toFixed(1)} s since it started; machine load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `server log (its own lines, repeats counted, the last 80):\n${serverLines(earlierLogs + (server?.stderr() ?? ''))
        .slice(-80)
        .join('\n')}`,
    ].join('\n')

  const connect = (): ChaosClient => {
    const doc = new Y.Doc({ gc: false })
    // the browser client's own tracker: the provider's counter reaches 0 too early after offline edits
    const unsent = new UnsentChanges(doc, {
      origin: Symbol('no local copy'),
      holdsUnsent: false,
      loaded: Promise.resolve(),
    })
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${port}/collab`,
      WebSocketPolyfill: unsent.WebSocket,
      // reconnect quickly: the server comes back within a second or two
      delay: 50,
      minDelay: 50,
      maxDelay: 400,
      factor: 1.5,
    })
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: id, document: doc, token })
    unsent.ignoreOrigin(provider)
    const client: ChaosClient = { doc, unsent, socket, provider, everSynced: false, closes: [] }
    socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
      client.closes.push(`${event.code}${event.reason ? ` ${event.reason}` : ''}`)
      if (client.closes.length > 20) client.closes.shift()
    })
    provider.on('synced', () => (client.everSynced = true))
    // nothing unsent: the server has acknowledged, so stored, every edit this client made so far
    unsent.subscribe(() => {
      if (unsent.unsent) return
      const clock = Y.getState(doc.store, doc.clientID)
      if (clock > (acked.get(doc.clientID) ?? 0)) acked.set(doc.clientID, clock)
    })
    provider.attach()
    return client
  }
  /** What the live server serves a newcomer now: a fresh client's state once synced (for a failure's log). */
  const servedNow = async () => {
    const observer = connect()
    try {
      await waitFor(() => observer.provider.isSynced, 'an observer syncs', 10_000)
      return `a fresh client, once synced (what the live document holds):\n${describeDoc(observer.doc).join('\n')}`
    } catch {
      return `a fresh client did not sync within 10 s:\n${describeClient(observer)}`
    } finally {
      destroy(observer)
    }
  }
  const destroy = (client: ChaosClient) => {
    client.provider.destroy()
    client.socket.destroy()
    client.unsent.destroy()
  }

  const edit = (client: ChaosClient) => {
    const { doc } = client
    const before = Y.getState(doc.store, doc.clientID)
    makeEdit(client)
    const after = Y.getState(doc.store, doc.clientID)
    if (after > before) {
      made.push({ clientId: doc.clientID, clock: after })
      report.edits++
    }
  }

  const makeEdit = (client: ChaosClient) => {
    const { doc } = client
    const kind = prng.int32(gen, 0, 9)
    const structural = (name: string, fn: (tr: Transaction, pos: number) => boolean, type: string) => {
      try {
        editYDoc(doc, editorSchema, (tr) => {
          const positions = positionsOfType(tr.doc, type)
          if (positions.length === 0) return false
          return fn(tr, prng.oneOf(gen, positions))
        })
        log(`${doc.clientID}: ${name}`)
      } catch (error) {
        // a concurrent structure the schema does not accept yet (the server repairs it): skip this edit
        log(`${doc.clientID}: ${name} skipped (${(error as Error).message})`)
      }
    }
    if (kind <= 5) {
      const texts = allTexts(doc)
      if (texts.length === 0) return
      const text = prng.oneOf(gen, texts)
      if (kind === 5 && text.length > 0) {
        const at = prng.int32(gen, 0, text.length - 1)
        text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at))
      } else {
        text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6) + ' ')
      }
    } else if (kind === 6) structural('addKeyAction', (tr, pos) => addKeyAction(tr, editorSchema, pos), 'ficheAction')
    else if (kind === 7) {
      if (prng.bool(gen))
        structural('addIndicatorRow', (tr, pos) => addIndicatorRow(tr, editorSchema, pos), 'indicatorTable')
      // eslint-disable-next-line no-dupe-else-if -- each call draws a new random boolean
      else if (prng.bool(gen))
        structural(
          'addIndicatorYear',
          (tr, pos) => addIndicatorYear(tr, editorSchema, pos, prng.bool(gen) ? 'end' : 'start'),
          'indicatorTable',
        )
      else structural('removeIndicatorYear', (tr, pos) => removeIndicatorYear(tr, pos, 'end'), 'indicatorTable')
    } else if (kind === 8)
      structural('addSignatory', (tr, pos) => addSignatory(tr, editorSchema, pos), 'signatoryBlock')
    else
      structural(
        'insertFicheAction',
        (tr) => insertFicheAction(tr, editorSchema, { start: 2026, end: 2027 }),
        'paragraph',
      )
  }

  try {
    for (let i = 0; i < options.clients; i++) clients.push(connect())
    await waitFor(() => clients.every((c) => c.everSynced), 'clients sync', 15_000)

    for (let step = 0; step < options.steps; step++) {
      // every run kills the server at least once, half way
      const action = step === Math.floor(options.steps / 2) && report.serverKills === 0 ? 86 : prng.int32(plan, 0, 99)
      const client = prng.oneOf(plan, clients)
      if (action < 70) {
        if (client.everSynced) edit(client)
      } else if (action < 80) {
        log(`${client.doc.clientID}: ${client.socket.status === 'connected' ? 'disconnects' : 'reconnects'}`)
        if (client.socket.status === 'connected') {
          client.socket.disconnect()
          report.disconnects++
        } else if (client.socket.status === 'disconnected') void client.socket.connect()
      } else if (action < 86) {
        // the client's machine dies: what it held and the server did not acknowledge is gone
        log(`${client.doc.clientID}: crashes`)
        destroy(client)
        crashed.push(client.doc.clientID)
        clients[clients.indexOf(client)] = connect()
        report.clientCrashes++
      } else if (action < 90) {
        if (server) {
          log('server SIGKILL')
          earlierLogs += `${server.stderr()}--- SIGKILL ---\n`
          await server.kill()
          server = null
          report.serverKills++
        } else {
          log('server restarts')
          server = await startServer()
        }
      }
      // let some messages cross, as between keystrokes
      await new Promise((r) => setTimeout(r, prng.int32(plan, 0, 25)))
    }

    // the end: everyone back online, everything sent
    if (!server) server = await startServer()
    // a socket the plan left disconnected, or one between two retries, is told to connect
    const nudge = setInterval(() => {
      for (const client of clients) if (client.socket.status === 'disconnected') void client.socket.connect()
    }, 250)
    try {
      await waitFor(
        () => clients.every((c) => c.provider.isSynced && !c.unsent.unsent),
        () => `seed ${seed}: clients settle\n${clients.map(describeClient).join('\n')}\n${serverLog()}`,
        30_000,
      )
    } finally {
      clearInterval(nudge)
    }
    await waitFor(
      () => clients.every((c) => visibleState(c.doc) === visibleState(clients[0]!.doc)),
      () => `seed ${seed}: clients converge\n${clients.map(describeClient).join('\n')}\n${serverLog()}`,
      30_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await servedNow()}`)
    })
    // the server's own repairs (table shapes) come shortly after the last edit: wait until the
    // file holds what every client holds (a condition, not a fixed time)
    await waitFor(
      () =>
        clients.every((c) => visibleState(c.doc) === visibleState(clients[0]!.doc)) &&
        visibleState(storedDoc(dataDir, id)) === visibleState(clients[0]!.doc),
      () =>
        `seed ${seed}: the file holds what the clients hold\n${clients.map(describeClient).join('\n')}\n${structsBeyond(storedDoc(dataDir, id), clients[0]!.doc)}\n${structsBeyond(clients[0]!.doc, storedDoc(dataDir, id), 'structs the clients hold that the file lacks')}\nacknowledged up to: ${[...acked].map(([client, clock]) => `${client}:${clock}`).join(' ')}\n${serverLog()}`,
      30_000,
    )
    const serverWords = earlierLogs + server.stderr()
    const count = (words: string) => serverWords.split(words).length - 1
    report.unloadedCopies = count('copy; closed to reconnect')
    report.unloadedUpdates = count('its document was unloaded meanwhile')
    report.droppedPending = count('dropped changes waiting for their dependencies')
    earlierLogs += `${server.stderr()}--- SIGKILL at the end ---\n`
    await server.kill()
    server = null

    // every acknowledged edit is in the file the SIGKILL left
    const killed = storedDoc(dataDir, id)
    for (const { clientId, clock } of made) {
      if (clock > (acked.get(clientId) ?? 0)) continue
      report.acknowledged++
      if (Y.getState(killed.store, clientId) < clock) report.lost++
    }
    if (visibleState(killed) !== visibleState(clients[0]!.doc)) {
      // The clients hold more than the file: every edit of theirs being acknowledged (above), only
      // a change of the server's own can be missing, broadcast before its commit (a repair that
      // followed the last edit). Whoever holds it hands it to the next server, as after any crash.
      report.lateServerChanges++
      const missing = structsBeyond(
        clients[0]!.doc,
        killed,
        'structs the clients hold that the killed server did not store',
      )
      console.log(`seed ${seed}: ${missing || 'the clients hold deletions the killed server did not store'}`)
      server = await startServer()
      const nudge = setInterval(() => {
        for (const client of clients) if (client.socket.status === 'disconnected') void client.socket.connect()
      }, 250)
      try {
        await waitFor(
          () =>
            clients.every((c) => c.provider.isSynced && visibleState(c.doc) === visibleState(clients[0]!.doc)) &&
            visibleState(storedDoc(dataDir, id)) === visibleState(clients[0]!.doc),
          () =>
            `seed ${seed}: the file after a restart holds what the clients held beyond the killed server's file\n${missing}\n${clients.map(describeClient).join('\n')}\n${serverLog()}`,
          30_000,
        )
      } finally {
        clearInterval(nudge)
      }
      await server.stop()
      earlierLogs += `${server.stderr()}--- stopped ---\n`
      server = null
    }
    const stored = storedDoc(dataDir, id)
    if (visibleState(stored) !== visibleState(clients[0]!.doc)) {
      const [a, b] = [visibleState(stored), visibleState(clients[0]!.doc)]
      let at = 0
      while (a[at] === b[at]) at++
      throw new Error(
        [
          `seed ${seed}: the stored document differs from the clients'`,
          `first difference at character ${at}: stored …${a.slice(Math.max(0, at - 80), at + 120)}`,
          `clients hold …${b.slice(Math.max(0, at - 80), at + 120)}`,
          structsBeyond(stored, clients[0]!.doc),
          structsBeyond(clients[0]!.doc, stored, 'structs the clients hold that the file lacks'),
          ...clients.map(describeClient),
          serverLog(),
        ].join('\n'),
      )
    }
    return report
  } finally {
    clients.forEach(destroy)
    await server?.kill()
    removeDir(dataDir)
  }
}
