import { messageArrival } from './arrivalTimedWebSocket.js'
import { watchEventLoop, type EventLoopStats } from './eventLoop.js'
import { connectClients, type BenchClient, type Endpoint } from './connectClient.js'
import { participateAll, type ParticipateArgs } from './plenaryParticipant.js'
import { serveRpc } from './rpc.js'
import { nowMs, sleep } from './time.js'
import { KeystrokeLog, logReceived, objectiveText, typeUntil } from './typing.js'

/**
 * A child process holding some of the fan-out's clients, so that applying every update in
 * 300 Y.Docs is spread over processes rather than queued in one event loop.
 */
export interface ConnectArgs {
  endpoint: Endpoint
  docName: string
  /** one per client of `indices` */
  tokens: string[]
  /** global indices of this group's clients */
  indices: number[]
  /** global indices of the clients that type (each into the objective of fiche `index`) */
  writers: number[]
  awareness: boolean
  /** record the stateless `threads` messages each client receives (the comments benchmark) */
  threads?: boolean
  /**
   * when a keystroke counts as received: when its Y.Doc applies it (the default), or when its
   * message reached the client's socket (`ArrivalTimedWebSocket`: the plénière benchmark's phones)
   */
  receivedAt?: 'applied' | 'arrival'
}

/** A `threads` message received by one client: its global index, the thread, the event, when (nowMs). */
export interface ThreadsReception {
  index: number
  threadId: string
  event: string
  at: number
}

export interface RunArgs {
  /** typing starts now and stops at this time (nowMs clock) */
  typeUntilMs: number
  /** the measured window starts here (after the warm-up) */
  windowFromMs: number
  /** time left after typing for the last keystrokes to arrive */
  drainMs: number
}

export interface GroupResult {
  sent: Float64Array
  received: Float64Array
  /** CPU time of this process during the window, ms */
  cpuMs: number
  eventLoop: EventLoopStats
  /** with `threads`: every `threads` message received since connecting */
  threads: ThreadsReception[]
}

let clients: { client: BenchClient; index: number }[] = []
let writerSet = new Set<number>()
const threads: ThreadsReception[] = []
let recording = false
const sent = new KeystrokeLog()
const received = new KeystrokeLog()

serveRpc(
  {
    connect: async (args: ConnectArgs) => {
      const { endpoint, docName, tokens, indices, writers, awareness, threads: watch, receivedAt } = args
      writerSet = new Set(writers)
      const timeArrival = receivedAt === 'arrival'
      const connected = await connectClients(endpoint, docName, tokens, { awareness, timeArrival })
      clients = connected.map((client, k) => ({ client, index: indices[k]! }))
      const at = timeArrival ? () => messageArrival() ?? nowMs() : nowMs
      for (const { client } of clients) logReceived(client.doc, received, () => recording, at)
      for (const { client, index } of watch ? clients : []) {
        client.onStateless((payload) => {
          const at = nowMs()
          const message = JSON.parse(payload) as {
            type?: string
            threadId?: string
            plenaryId?: string
            event?: string
          }
          if (message.type === 'threads')
            threads.push({ index, threadId: message.threadId!, event: message.event!, at })
          // the plénière's live messages (the plenary benchmark): `threadId` holds the plénière's id
          else if (message.type === 'plenary')
            threads.push({ index, threadId: message.plenaryId!, event: `plenary:${message.event!}`, at })
        })
      }
      return clients.length
    },
    run: async ({ typeUntilMs, windowFromMs, drainMs }: RunArgs): Promise<GroupResult> => {
      recording = true
      const typing = clients
        .filter(({ index }) => writerSet.has(index))
        .map(({ client, index }) => typeUntil(client.doc, objectiveText(client.doc, index), typeUntilMs, sent))
      await sleep(Math.max(0, windowFromMs - nowMs()))
      const cpu0 = process.cpuUsage()
      const stopWatching = watchEventLoop()
      await Promise.all(typing)
      await sleep(Math.max(0, typeUntilMs - nowMs()))
      const cpu = process.cpuUsage(cpu0)
      const loop = stopWatching()
      await sleep(drainMs)
      recording = false
      return {
        sent: sent.take(),
        received: received.take(),
        cpuMs: (cpu.user + cpu.system) / 1000,
        eventLoop: loop,
        threads: threads.splice(0),
      }
    },
    /** the plénière benchmark: this group's phones send their comments and supports (over HTTP) */
    participate: (args: ParticipateArgs) => participateAll(args),
    /** the `threads` messages received since the last call (they may arrive after `run` returned) */
    threads: () => threads.splice(0),
    close: () => {
      for (const { client } of clients) client.destroy()
      clients = []
    },
    stop: () => {
      for (const { client } of clients) client.destroy()
      setTimeout(() => process.exit(0), 50)
    },
  },
  {},
)
