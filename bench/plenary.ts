import { parseArgs } from 'node:util'
import { PARTICIPANT_FLUSH_MS } from '@ctg/server'
import {
  joinPlenaryResponseSchema,
  plenaryDetailResponseSchema,
  plenaryResponseSchema,
  Y_FRAGMENT_NAME,
  type PlenaryDetailResponse,
} from '@ctg/shared'
import * as Y from 'yjs'
import { runIfMain } from './lib/cli.js'
import type { ConnectArgs, GroupResult, RunArgs, ThreadsReception } from './lib/clientGroup.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { joinKeystrokes } from './fanout.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import type { EventLoopStats } from './lib/eventLoop.js'
import { cpuMeter } from './lib/procStats.js'
import { fmtBytes, fmtMs, fmtRatio } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { RpcChild } from './lib/rpc.js'
import { startServer, type BenchServer } from './lib/startServer.js'
import { summarize, type Summary } from './lib/stats.js'
import { nowMs, sleep } from './lib/time.js'
import {
  ACTIONS,
  participateAll,
  type Participation,
  type PlenaryTargets,
  type Timed,
} from './lib/plenaryParticipant.js'

/**
 * A plénière under load: `participants` phones, all from one address (this process, 127.0.0.1),
 * join with the code within `joinS` seconds, follow the document over `/collab` (read-only,
 * no awareness), and each posts 3 comments and 3 changes of supports at random times within
 * `postS` seconds, while `writers` rédacteurs type. The facilitator is connected and must
 * receive every live message. The writers' keystroke fan-out is compared with the same run
 * without participants; memory per participant is the server's growth once they are all in.
 */

const CLIENT_GROUP = new URL('./lib/clientGroup.ts', import.meta.url).pathname
const DOC_NAME = 'c-bench-plenary'
const GOAL_RATIO = 1.2
const JOIN_GOAL_S = 10
/** the issue: edits made by the writers appear on the phones within a second */
const PHONE_GOAL_MS = 1000

interface Options {
  participants: number
  writers: number
  joinS: number
  postS: number
  warmupS: number
  groups: number
  profile: boolean
  /** diagnostic: the phones join and follow but post nothing (the fan-out alone; no section written) */
  phonesOnly: boolean
  /**
   * the phones' processes run at this nice value and send the phones' requests themselves (a
   * real room's phones use their own CPUs, not the writers'); 0: the old mode, phones at the
   * writers' priority and their requests sent from this process
   */
  phonesNice: number
  /** when a keystroke counts as received, by every client of both runs (see ConnectArgs.receivedAt) */
  receivedAt: 'applied' | 'arrival'
}

interface RunResult {
  withParticipants: boolean
  keystrokes: number
  keystrokeLatency: Summary
  /** to the writers and the facilitator only: the same recipients in both runs */
  keystrokeToWritersLatency: Summary
  expectedKeystrokeDeliveries: number
  joins: Timed[]
  joinWallS: number
  comments: Timed[]
  supports: Timed[]
  /** the facilitator's live messages, by event */
  facilitatorMessages: Record<string, number>
  detail: PlenaryDetailResponse | null
  /** server growth once every participant joined and connected, per participant */
  rssPerParticipant: number
  heapPerParticipant: number
  /** the server over the typing window: CPU (ms, from /proc) and its event loop */
  serverCpuMs: number
  serverLoop: EventLoopStats
  /** the client processes over the window: CPU (ms) each, and the worst event-loop delay p99 */
  harnessCpuMs: number[]
  harnessDelayP99: number
}

/** Blocks to comment on: every fiche and key action of the seed, round-robin. */
function blockIdsOf(seed: Uint8Array): PlenaryTargets {
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, seed)
  const fiches: string[] = []
  const blocks: string[] = []
  const visit = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      const id = child.getAttribute('id')
      if (child.nodeName === 'ficheAction' && typeof id === 'string') fiches.push(id)
      if ((child.nodeName === 'ficheAction' || child.nodeName === 'keyAction') && typeof id === 'string')
        blocks.push(id)
      visit(child)
    }
  }
  visit(doc.getXmlFragment(Y_FRAGMENT_NAME))
  return { fiches, blocks }
}

async function runOne(withParticipants: boolean, seed: Uint8Array, o: Options): Promise<RunResult> {
  const server: BenchServer = await startServer('ctg')
  await server.seed(seed, [DOC_NAME])
  // writers 0..w-1, then the facilitator (an editor who opened the plénière and watches)
  const memberTokens = await server.tokens(o.writers + 1, 'editor')
  const facilitatorToken = memberTokens[o.writers]!
  const ids = blockIdsOf(seed)
  // the members' group first, at the benchmark's priority; then the phones'
  const groups = Array.from(
    { length: withParticipants ? o.groups : 1 },
    (_, k) => new RpcChild(CLIENT_GROUP, { nice: k === 0 ? 0 : o.phonesNice }),
  )
  try {
    await Promise.all(groups.map((g) => g.ready))
    const opened = await fetch(`${server.httpUrl}/api/conventions/${DOC_NAME}/plenaries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitatorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Atelier petite enfance — banc d’essai', supportsPerParticipant: ACTIONS }),
    })
    if (opened.status !== 201) throw new Error(`opening the plénière answered ${opened.status}`)
    const { plenary } = plenaryResponseSchema.parse(await opened.json())
    const writers = Array.from({ length: o.writers }, (_, i) => i)
    const endpoint = { protocol: server.protocol, wsUrl: server.wsUrl }
    // members in the first group, with awareness as browsers have it
    await groups[0]!.call('connect', {
      endpoint,
      docName: DOC_NAME,
      indices: memberTokens.map((_, i) => i),
      tokens: memberTokens,
      writers,
      awareness: true,
      threads: true,
      receivedAt: o.receivedAt,
    } satisfies ConnectArgs)
    await sleep(500)
    const before = await server.heap()

    // every phone joins at once, from this one address
    const joinStart = nowMs()
    const joined = withParticipants
      ? await Promise.all(
          Array.from({ length: o.participants }, async (_, i) => {
            // spread over the join window, as people type the code
            await sleep(Math.random() * o.joinS * 500)
            const { response, latency } = await (async () => {
              const start = nowMs()
              const r = await fetch(`${server.httpUrl}/api/plenaries/${plenary.code.toLowerCase()}/join`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ name: `Participant·e ${i}` }),
              })
              return { response: r, latency: nowMs() - start }
            })()
            const json = response.status === 200 ? joinPlenaryResponseSchema.parse(await response.json()) : null
            return { status: response.status, latency, token: json?.token ?? '' }
          }),
        )
      : []
    const joinWallS = (nowMs() - joinStart) / 1000
    const phoneTokens = joined.map((j) => j.token)
    const phoneGroups = groups.slice(1)
    if (withParticipants) {
      const firstPhone = memberTokens.length
      const ofGroup = (g: number) => phoneTokens.map((_, i) => i).filter((i) => i % phoneGroups.length === g)
      await Promise.all(
        phoneGroups.map((g, k) =>
          g.call('connect', {
            endpoint,
            docName: DOC_NAME,
            indices: ofGroup(k).map((i) => firstPhone + i),
            tokens: ofGroup(k).map((i) => phoneTokens[i]!),
            writers: [],
            awareness: false,
            receivedAt: o.receivedAt,
          } satisfies ConnectArgs),
        ),
      )
    }
    await sleep(1000)
    const after = await server.heap()

    const windowFromMs = nowMs() + o.warmupS * 1000
    const typeUntilMs = windowFromMs + (o.postS + 2) * 1000
    const run: RunArgs = { windowFromMs, typeUntilMs, drainMs: 3000 }
    const runs = Promise.all(groups.map((g) => g.call<GroupResult>('run', run)))
    if (o.profile) await server.profileStart()
    // the server's CPU and event loop over the measured window (both runs)
    const serverWindow = (async () => {
      await sleep(windowFromMs - nowMs())
      const meter = cpuMeter(server.pid)
      await server.eventLoopStart()
      await sleep(typeUntilMs - nowMs())
      const { cpuMs } = meter()
      return { cpuMs, loop: await server.eventLoopStop() }
    })()
    const phones = phoneTokens.map((token, i) => ({ token, i }))
    const participateArgs = (of: typeof phones) => ({
      httpUrl: server.httpUrl,
      code: plenary.code,
      targets: ids,
      phones: of,
      windowFromMs: windowFromMs + 1000,
      windowMs: o.postS * 1000,
    })
    const acting: Promise<Participation>[] =
      !withParticipants || o.phonesOnly
        ? []
        : o.phonesNice > 0
          ? // each phone's requests from the process that holds its socket
            phoneGroups.map((g, k) =>
              g.call<Participation>(
                'participate',
                participateArgs(phones.filter(({ i }) => i % phoneGroups.length === k)),
              ),
            )
          : [participateAll(participateArgs(phones))]
    const actions = await Promise.all(acting)
    const results = await runs
    const serverMeasured = await serverWindow
    if (o.profile) {
      // the run without participants too: what a keystroke costs with no phone
      const name = withParticipants ? 'plenary' : 'plenary-base'
      await server.profileStop(name)
      console.log(
        summarizeProfile(name, withParticipants ? 'server while participants act' : 'server, no participants', 30),
      )
    }
    const receptions: ThreadsReception[] = results.flatMap((r) => r.threads)
    const facilitatorIndex = o.writers
    const expectedMessages = withParticipants ? o.participants * (o.phonesOnly ? 1 : 1 + 2 * ACTIONS) : 0
    const facilitatorCount = () =>
      receptions.filter((r) => r.index === facilitatorIndex && r.event.startsWith('plenary:')).length
    for (const deadline = nowMs() + 30_000; facilitatorCount() < expectedMessages && nowMs() < deadline;) {
      await sleep(500)
      for (const more of await Promise.all(groups.map((g) => g.call<ThreadsReception[]>('threads')))) {
        receptions.push(...more)
      }
    }
    await Promise.all(groups.map((g) => g.call('close')))

    const { keystrokes, latencies } = joinKeystrokes(results, windowFromMs, typeUntilMs)
    // the same recipients in both runs: the members' group only
    const { latencies: toMembers } = joinKeystrokes(
      [results[0]!, ...results.slice(1).map((r) => ({ ...r, received: new Float64Array() }))],
      windowFromMs,
      typeUntilMs,
    )
    const facilitatorMessages: Record<string, number> = {}
    for (const r of receptions) {
      if (r.index === facilitatorIndex && r.event.startsWith('plenary:')) {
        const event = r.event.slice('plenary:'.length)
        facilitatorMessages[event] = (facilitatorMessages[event] ?? 0) + 1
      }
    }
    const detail = withParticipants
      ? plenaryDetailResponseSchema.parse(
          await (
            await fetch(`${server.httpUrl}/api/conventions/${DOC_NAME}/plenaries/${plenary.id}`, {
              headers: { Authorization: `Bearer ${facilitatorToken}` },
            })
          ).json(),
        )
      : null
    const viewers = memberTokens.length + phoneTokens.length
    return {
      withParticipants,
      keystrokes,
      keystrokeLatency: summarize(latencies),
      keystrokeToWritersLatency: summarize(toMembers),
      expectedKeystrokeDeliveries: keystrokes * (viewers - 1),
      joins: joined.map(({ status, latency }) => ({ status, latency })),
      joinWallS,
      comments: actions.flatMap((a) => a.comments),
      supports: actions.flatMap((a) => a.supports),
      facilitatorMessages,
      detail,
      rssPerParticipant: withParticipants ? (after.rss - before.rss) / o.participants : NaN,
      heapPerParticipant: withParticipants
        ? (after.heapUsed + after.external - before.heapUsed - before.external) / o.participants
        : NaN,
      serverCpuMs: serverMeasured.cpuMs,
      serverLoop: serverMeasured.loop,
      harnessCpuMs: results.map((r) => r.cpuMs),
      harnessDelayP99: Math.max(...results.map((r) => r.eventLoop.delayP99)),
    }
  } finally {
    await Promise.all(groups.map((g) => g.stop()))
    await server.stop()
  }
}

/** The server's CPU per keystroke (all its work in the window, requests included) and the harness's load. */
const serverCpuPerKeystroke = (r: RunResult) => r.serverCpuMs / Math.max(1, r.keystrokes)
const machineLine = (r: RunResult) =>
  `server CPU ${serverCpuPerKeystroke(r).toFixed(2)} ms/keystroke, loop delay p99 ${fmtMs(r.serverLoop.delayP99)} max ${fmtMs(r.serverLoop.delayMax)} ms | ` +
  `harness CPU ${r.harnessCpuMs.map((ms) => ms.toFixed(0)).join('+')} ms, loop delay p99 ${fmtMs(r.harnessDelayP99)} ms`

const ok = (timed: Timed[], status: number) => timed.filter((t) => t.status === status).length
const latencyRow = (name: string, timed: Timed[], status: number) => {
  const s = summarize(timed.filter((t) => t.status === status).map((t) => t.latency))
  return [name, timed.length, ok(timed, status), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max)]
}

function report(run: RunResult, base: RunResult, o: Options): string {
  const ratio = run.keystrokeLatency.p99 / base.keystrokeLatency.p99
  const ratioMembers = run.keystrokeToWritersLatency.p99 / base.keystrokeToWritersLatency.p99
  const d = run.detail!
  const storedSupports = d.ranking.reduce((sum, r) => sum + r.supports, 0)
  const expected = o.participants * ACTIONS
  const f = run.facilitatorMessages
  const nothingLost =
    ok(run.joins, 200) === o.participants &&
    ok(run.comments, 201) === expected &&
    ok(run.supports, 200) === expected &&
    d.participants.length === o.participants &&
    d.comments.length === expected &&
    storedSupports === expected &&
    (f.joined ?? 0) === o.participants &&
    (f.commented ?? 0) === expected &&
    (f.supported ?? 0) === expected
  const rows = [run, base].map((r) => [
    r.withParticipants ? `${o.participants} participants joined and acting` : 'no participants',
    r.keystrokes,
    `${((100 * r.keystrokeLatency.count) / Math.max(1, r.expectedKeystrokeDeliveries)).toFixed(1)} %`,
    fmtMs(r.keystrokeLatency.p50),
    fmtMs(r.keystrokeLatency.p99),
    fmtMs(r.keystrokeToWritersLatency.p50),
    fmtMs(r.keystrokeToWritersLatency.p99),
    serverCpuPerKeystroke(r).toFixed(2),
    `${fmtMs(r.serverLoop.delayP99)} / ${fmtMs(r.serverLoop.delayMax)}`,
    `${r.harnessCpuMs.map((ms) => ms.toFixed(0)).join(' + ')} / ${fmtMs(r.harnessDelayP99)}`,
  ])
  return [
    '## Plénière',
    '',
    `One convention (the realistic seed, ${d.ranking.length} fiches), ${o.writers} rédacteurs typing at 5 keystrokes/s each in fiches'`,
    `objectives, the facilitator connected. ${o.participants} participants, all from one address (127.0.0.1), join with`,
    `the code within ${o.joinS} s, open \`/collab\` read-only (no awareness), then each posts ${ACTIONS} comments (whole block`,
    `anchors) and ${ACTIONS} changes of supports (growing sets, budget ${ACTIONS}) at random times within ${o.postS} s. Latency from`,
    `the request being sent to its answer. Clients in ${o.groups} child processes, the server in its own (SQLite).`,
    o.phonesNice > 0
      ? `The phones' ${o.groups - 1} processes run at nice ${o.phonesNice} and send the phones' requests themselves (a real room's phones`
      : `The phones' processes run at the writers' priority and their requests are sent from the benchmark's main process`,
    o.phonesNice > 0
      ? `do not take the writers' CPU; \`--phones-nice 0\`: the old mode, at the writers' priority, requests from the main process).`
      : `(\`--phones-nice 0\`, the old mode; by default they run at nice 10 and send their own requests).`,
    '',
    table(
      ['request', 'sent', 'accepted', 'p50 ms', 'p99 ms', 'max ms'],
      [
        latencyRow(`join (all within ${fmtMs(run.joinWallS * 1000)} ms)`, run.joins, 200),
        latencyRow('comment (201)', run.comments, 201),
        latencyRow('supports (200)', run.supports, 200),
      ],
    ),
    '',
    `Stored (facilitator's \`GET …/plenaries/:id\`): ${d.participants.length} participants, ${d.comments.length} comments,`,
    `${storedSupports} supports. The facilitator's live messages: ${['joined', 'commented', 'supported'].map((e) => `${f[e] ?? 0} \`${e}\``).join(', ')}.`,
    '',
    'Writers\' keystroke fan-out, with the participants and without any (same writers, same facilitator). "all" is',
    'to every other connection (the phones included); "members" to the writers and the facilitator only. A keystroke',
    o.receivedAt === 'arrival'
      ? "counts as received when its message reaches the client's socket (every client, both runs; a simulated phone does not wait for the 99 others of its process to apply it; `--received-at applied`: when its Y.Doc applies it):"
      : 'counts as received when its Y.Doc applies it (`--received-at applied`; a simulated phone waits for the others of its process):',
    '',
    table(
      [
        'run',
        'keystrokes',
        'delivered',
        'all p50 ms',
        'all p99 ms',
        'members p50 ms',
        'members p99 ms',
        'server CPU ms / keystroke',
        'server loop delay p99 / max ms',
        'client processes CPU ms / loop delay p99 ms',
      ],
      rows,
    ),
    '',
    'Server CPU per keystroke: all its work over the window (the requests too) divided by the keystrokes typed.',
    '',
    `Server memory once the ${o.participants} participants joined and connected (after GC): ${fmtBytes(run.rssPerParticipant)} RSS and`,
    `${fmtBytes(run.heapPerParticipant)} heap+external per participant.`,
    '',
    table(
      ['goal', 'measured', 'result'],
      [
        [
          `${o.participants} joins from one address within ${JOIN_GOAL_S} s`,
          `${ok(run.joins, 200)}/${o.participants} in ${run.joinWallS.toFixed(1)} s`,
          ok(run.joins, 200) === o.participants && run.joinWallS <= JOIN_GOAL_S ? 'PASS' : 'FAIL',
        ],
        [
          'nothing lost (answers, storage, facilitator messages)',
          `comments ${ok(run.comments, 201)}/${expected} stored ${d.comments.length}, supports ${ok(run.supports, 200)}/${expected} stored ${storedSupports}`,
          nothingLost ? 'PASS' : 'FAIL',
        ],
        [
          `writers' keystroke fan-out p99 within ${GOAL_RATIO}× of the run without participants (to the members: the recipients of both runs)`,
          fmtRatio(ratioMembers),
          ratioMembers <= GOAL_RATIO ? 'PASS' : 'FAIL',
        ],
        [
          `the phones see the writers' edits within ${PHONE_GOAL_MS / 1000} s (all recipients, p99)`,
          `${fmtMs(run.keystrokeLatency.p99)} ms`,
          run.keystrokeLatency.p99 <= PHONE_GOAL_MS ? 'PASS' : 'FAIL',
        ],
      ],
    ),
    '',
    `All recipients against the members-only baseline: ${fmtRatio(ratio)}. The server sends the phones the writers' updates merged every`,
    `${PARTICIPANT_FLUSH_MS} ms (\`PARTICIPANT_FLUSH_MS\`) rather than one message per keystroke each, so a phone sees an edit up to that much later`,
    'and the writers do not wait behind 200 socket writes per keystroke.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '200' },
      writers: { type: 'string', default: '3' },
      join: { type: 'string', default: '10' },
      post: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      groups: { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
      'phones-only': { type: 'boolean', default: false },
      'phones-nice': { type: 'string', default: '10' },
      'received-at': { type: 'string', default: 'arrival' },
    },
  })
  const o: Options = {
    participants: Number(values.participants),
    writers: Number(values.writers),
    joinS: Number(values.join),
    postS: Number(values.post),
    warmupS: Number(values.warmup),
    groups: Math.max(2, Number(values.groups)),
    profile: values.profile,
    phonesOnly: values['phones-only'],
    phonesNice: Number(values['phones-nice']),
    receivedAt: values['received-at'] === 'applied' ? 'applied' : 'arrival',
  }
  if (!['applied', 'arrival'].includes(values['received-at'])) throw new Error('--received-at is applied or arrival')
  const seed = encodeConvention(realisticConvention())
  const base = await runOne(false, seed, o)
  console.log(
    `no participants: keystrokes=${base.keystrokes} p99=${fmtMs(base.keystrokeLatency.p99)} ms | ${machineLine(base)}`,
  )
  const run = await runOne(true, seed, o)
  if (o.phonesOnly) {
    // a diagnostic: the fan-out to the phones alone, nothing to check nor to write
    console.log(
      `${o.participants} phones following, posting nothing: keystroke p99=${fmtMs(run.keystrokeLatency.p99)} ms ` +
        `(members ${fmtMs(run.keystrokeToWritersLatency.p99)}), ratio ${fmtRatio(run.keystrokeLatency.p99 / base.keystrokeLatency.p99)} ` +
        `(members ${fmtRatio(run.keystrokeToWritersLatency.p99 / base.keystrokeToWritersLatency.p99)}) | ${machineLine(run)}`,
    )
    return
  }
  const j = summarize(run.joins.map((t) => t.latency))
  const c = summarize(run.comments.map((t) => t.latency))
  const s = summarize(run.supports.map((t) => t.latency))
  console.log(
    `${o.participants} participants: joins ${ok(run.joins, 200)} in ${run.joinWallS.toFixed(1)} s p50=${fmtMs(j.p50)} p99=${fmtMs(j.p99)} | ` +
      `comments ${ok(run.comments, 201)} p50=${fmtMs(c.p50)} p99=${fmtMs(c.p99)} | supports ${ok(run.supports, 200)} p50=${fmtMs(s.p50)} p99=${fmtMs(s.p99)} | ` +
      `keystroke p99 to the members=${fmtMs(run.keystrokeToWritersLatency.p99)} ms, ratio ${fmtRatio(run.keystrokeToWritersLatency.p99 / base.keystrokeToWritersLatency.p99)}; ` +
      `to the phones too=${fmtMs(run.keystrokeLatency.p99)} ms | ` +
      `memory ${fmtBytes(run.rssPerParticipant)} RSS per participant | facilitator ${JSON.stringify(run.facilitatorMessages)} | ` +
      machineLine(run),
  )
  writeSection('plenary', report(run, base, o))
}

runIfMain(import.meta.url, main)
