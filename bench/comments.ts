import { parseArgs } from 'node:util'
import { threadResponseSchema, Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'
import { runIfMain } from './lib/cli.js'
import type { ConnectArgs, GroupResult, RunArgs, ThreadsReception } from './lib/clientGroup.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { joinKeystrokes } from './fanout.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import { fmtMs, fmtRatio } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { RpcChild } from './lib/rpc.js'
import { startServer } from './lib/startServer.js'
import { summarize, type Summary } from './lib/stats.js'
import { nowMs, sleep } from './lib/time.js'

/**
 * Comments under load: `commenters` commentateurs each post a thread and two replies (3
 * messages) within `postS` seconds on one convention, while `editors` editors type. Every
 * connection (commenters and editors) is a viewer: each message must reach each of them as
 * its stateless `threads` message. The editors' keystroke fan-out is compared with the same
 * run where the commenters are connected but post nothing.
 */

const CLIENT_GROUP = new URL('./lib/clientGroup.ts', import.meta.url).pathname
const DOC_NAME = 'c-bench-comments'
const GOAL_RATIO = 1.2
const MESSAGES_PER_COMMENTER = 3

interface Options {
  commenters: number
  editors: number
  postS: number
  warmupS: number
  groups: number
  profile: boolean
}

interface PostRecord {
  threadId: string
  /** 0: the thread, 1 and 2: replies */
  k: number
  sentAt: number
  status: number
}

interface RunResult {
  posting: boolean
  keystrokes: number
  keystrokeLatency: Summary
  expectedKeystrokeDeliveries: number
  posts: PostRecord[]
  messageLatency: Summary
  expectedMessageDeliveries: number
  deliveredMessages: number
  storedMessages: number
}

/** Passages to comment: texts nobody types into (the editors type in the objectives), one per commenter. */
function passages(seed: Uint8Array, count: number): { from: string; to: string }[] {
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, seed)
  const texts: Y.XmlText[] = []
  const visit = (parent: Y.XmlFragment, inObjective: boolean) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText && !inObjective && child.length >= 4) texts.push(child)
      if (child instanceof Y.XmlElement) visit(child, inObjective || child.nodeName === 'ficheObjective')
    }
  }
  visit(doc.getXmlFragment(Y_FRAGMENT_NAME), false)
  const encode = (text: Y.XmlText, index: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64')
  // distinct characters for each passage: text i % n, the (i / n)-th pair of characters
  return Array.from({ length: count }, (_, i) => {
    const text = texts[i % texts.length]!
    const at = 2 * Math.floor(i / texts.length)
    if (at + 2 > text.length) throw new Error('not enough text for that many passages')
    return { from: encode(text, at), to: encode(text, at + 2) }
  })
}

/** One commenter: a thread on its passage, then two replies, at random times within the posting window. */
async function postAsCommenter(
  httpUrl: string,
  token: string,
  anchor: { from: string; to: string },
  windowFrom: number,
  windowMs: number,
): Promise<PostRecord[]> {
  const times = Array.from({ length: MESSAGES_PER_COMMENTER }, () => Math.random() * windowMs).sort((a, b) => a - b)
  const records: PostRecord[] = []
  let threadId = ''
  for (let k = 0; k < MESSAGES_PER_COMMENTER; k++) {
    await sleep(Math.max(0, windowFrom + times[k]! - nowMs()))
    const sentAt = nowMs()
    const path = k === 0 ? '/threads' : `/threads/${threadId}/messages`
    const body = k === 0 ? { anchor, body: `Question ${token.slice(-6)}` } : { body: `Précision n°${k}` }
    const response = await fetch(`${httpUrl}/api/conventions/${DOC_NAME}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = await response.json()
    if (k === 0) {
      if (response.status !== 201) throw new Error(`a thread answered ${response.status}: ${JSON.stringify(json)}`)
      threadId = threadResponseSchema.parse(json).thread.id
    }
    records.push({ threadId, k, sentAt, status: response.status })
  }
  return records
}

/** Each viewer's k-th `created`/`replied` message for a thread is the k-th message posted in it. */
function joinMessages(posts: PostRecord[], receptions: ThreadsReception[]) {
  const sentAt = new Map(posts.map((p) => [`${p.threadId}\n${p.k}`, p.sentAt]))
  const seen = new Map<string, number>()
  const latencies: number[] = []
  for (const r of [...receptions].sort((a, b) => a.at - b.at)) {
    if (r.event !== 'created' && r.event !== 'replied') continue
    const key = `${r.index}\n${r.threadId}`
    const k = seen.get(key) ?? 0
    seen.set(key, k + 1)
    const sent = sentAt.get(`${r.threadId}\n${k}`)
    if (sent !== undefined) latencies.push(r.at - sent)
  }
  return latencies
}

async function runOne(posting: boolean, seed: Uint8Array, o: Options): Promise<RunResult> {
  const server = await startServer('ctg')
  await server.seed(seed, [DOC_NAME])
  const editorTokens = await server.tokens(o.editors, 'editor')
  const commenterTokens = await server.tokens(o.commenters, 'commenter')
  const tokens = [...editorTokens, ...commenterTokens]
  const anchors = passages(seed, o.commenters)
  const groups = Array.from({ length: o.groups }, () => new RpcChild(CLIENT_GROUP))
  try {
    await Promise.all(groups.map((g) => g.ready))
    const writers = Array.from({ length: o.editors }, (_, i) => i)
    const indicesOf = (g: number) => tokens.map((_, i) => i).filter((i) => i % o.groups === g)
    await Promise.all(
      groups.map((g, k) =>
        g.call('connect', {
          endpoint: { protocol: server.protocol, wsUrl: server.wsUrl },
          docName: DOC_NAME,
          indices: indicesOf(k),
          tokens: indicesOf(k).map((i) => tokens[i]!),
          writers,
          awareness: true,
          threads: true,
        } satisfies ConnectArgs),
      ),
    )
    await sleep(1000)
    const windowFromMs = nowMs() + o.warmupS * 1000
    // typing covers the posting window, with a second on each side
    const typeUntilMs = windowFromMs + (o.postS + 2) * 1000
    const run: RunArgs = { windowFromMs, typeUntilMs, drainMs: 3000 }
    const runs = Promise.all(groups.map((g) => g.call<GroupResult>('run', run)))
    const postFrom = windowFromMs + 1000
    if (posting && o.profile) await server.profileStart()
    const posts = posting
      ? (
          await Promise.all(
            commenterTokens.map((token, i) =>
              postAsCommenter(server.httpUrl, token, anchors[i]!, postFrom, o.postS * 1000),
            ),
          )
        ).flat()
      : []
    const results = await runs
    if (posting && o.profile) {
      await server.profileStop('comments')
      console.log(summarizeProfile('comments', 'server while commenting', 25))
    }
    const viewers = tokens.length
    // messages still on their way when typing stopped are waited for (a minute at most)
    const receptions = results.flatMap((r) => r.threads)
    const expected = posts.filter((p) => p.status === 201).length * viewers
    const counted = () => receptions.filter((r) => r.event === 'created' || r.event === 'replied').length
    for (const deadline = nowMs() + 60_000; counted() < expected && nowMs() < deadline;) {
      await sleep(500)
      for (const more of await Promise.all(groups.map((g) => g.call<ThreadsReception[]>('threads')))) {
        receptions.push(...more)
      }
    }
    await Promise.all(groups.map((g) => g.call('close')))

    const { keystrokes, latencies } = joinKeystrokes(results, windowFromMs, typeUntilMs)
    const messageLatencies = joinMessages(posts, receptions)
    const listed = posting
      ? ((await (
          await fetch(`${server.httpUrl}/api/conventions/${DOC_NAME}/threads`, {
            headers: { Authorization: `Bearer ${editorTokens[0]}` },
          })
        ).json()) as { threads: { messages: unknown[] }[] })
      : { threads: [] }
    return {
      posting,
      keystrokes,
      keystrokeLatency: summarize(latencies),
      expectedKeystrokeDeliveries: keystrokes * (viewers - 1),
      posts,
      messageLatency: summarize(messageLatencies),
      expectedMessageDeliveries: expected,
      deliveredMessages: messageLatencies.length,
      storedMessages: listed.threads.reduce((sum, t) => sum + t.messages.length, 0),
    }
  } finally {
    await Promise.all(groups.map((g) => g.stop()))
    await server.stop()
  }
}

function report(withComments: RunResult, without: RunResult, o: Options): string {
  const ratio = withComments.keystrokeLatency.p99 / without.keystrokeLatency.p99
  const accepted = withComments.posts.filter((p) => p.status === 201).length
  const rows = [withComments, without].map((r) => [
    r.posting ? `${o.commenters} commenters posting` : `${o.commenters} commenters silent`,
    r.keystrokes,
    `${((100 * r.keystrokeLatency.count) / Math.max(1, r.expectedKeystrokeDeliveries)).toFixed(1)} %`,
    fmtMs(r.keystrokeLatency.p50),
    fmtMs(r.keystrokeLatency.p99),
    fmtMs(r.keystrokeLatency.max),
  ])
  const m = withComments.messageLatency
  return [
    '## Comments',
    '',
    `One convention (the realistic seed), ${o.editors} editors typing at 5 keystrokes/s each in fiches' objectives and`,
    `${o.commenters} commentateurs connected (read-only); each commentateur posts a thread on its own passage (the server`,
    `writes the anchor mark) and then two replies, ${MESSAGES_PER_COMMENTER} messages at random times within ${o.postS} s`,
    `(${o.commenters * MESSAGES_PER_COMMENTER} messages). Every connection (${o.editors + o.commenters}) is a viewer: a message reaches it`,
    'as its stateless `threads` message; latency from the POST being sent to each viewer receiving it. Clients in',
    `${o.groups} child processes, the server in its own.`,
    '',
    table(
      ['messages posted', 'accepted (201)', 'deliveries', 'stored (GET)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      [
        [
          withComments.posts.length,
          accepted,
          `${withComments.deliveredMessages}/${withComments.expectedMessageDeliveries}`,
          withComments.storedMessages,
          fmtMs(m.p50),
          fmtMs(m.p90),
          fmtMs(m.p99),
          fmtMs(m.max),
        ],
      ],
    ),
    '',
    "Editors' keystroke fan-out (to every other connection), with and without the commenters posting:",
    '',
    table(['run', 'keystrokes', 'delivered', 'p50 ms', 'p99 ms', 'max ms'], rows),
    '',
    table(
      ['goal', 'measured', 'result'],
      [
        [
          'every message reaches every viewer, none lost',
          `${withComments.deliveredMessages}/${withComments.expectedMessageDeliveries}, stored ${withComments.storedMessages}/${o.commenters * MESSAGES_PER_COMMENTER}`,
          withComments.deliveredMessages === withComments.expectedMessageDeliveries &&
          accepted === o.commenters * MESSAGES_PER_COMMENTER &&
          withComments.storedMessages === accepted
            ? 'PASS'
            : 'FAIL',
        ],
        [
          `keystroke fan-out p99 within ${GOAL_RATIO}× of the run without commenters posting`,
          fmtRatio(ratio),
          ratio <= GOAL_RATIO ? 'PASS' : 'FAIL',
        ],
      ],
    ),
  ].join('\n')
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      commenters: { type: 'string', default: '100' },
      editors: { type: 'string', default: '5' },
      post: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      groups: { type: 'string', default: '2' },
      profile: { type: 'boolean', default: false },
    },
  })
  const o: Options = {
    commenters: Number(values.commenters),
    editors: Number(values.editors),
    postS: Number(values.post),
    warmupS: Number(values.warmup),
    groups: Number(values.groups),
    profile: values.profile,
  }
  const seed = encodeConvention(realisticConvention())
  const without = await runOne(false, seed, o)
  console.log(
    `commenters silent: keystrokes=${without.keystrokes} p50=${fmtMs(without.keystrokeLatency.p50)} p99=${fmtMs(without.keystrokeLatency.p99)} ms`,
  )
  const withComments = await runOne(true, seed, o)
  const m = withComments.messageLatency
  console.log(
    `commenters posting: keystrokes=${withComments.keystrokes} p50=${fmtMs(withComments.keystrokeLatency.p50)} p99=${fmtMs(withComments.keystrokeLatency.p99)} ms | ` +
      `messages ${withComments.posts.length} posted, ${withComments.deliveredMessages}/${withComments.expectedMessageDeliveries} delivered, ` +
      `stored ${withComments.storedMessages}, latency p50=${fmtMs(m.p50)} p99=${fmtMs(m.p99)} max=${fmtMs(m.max)} ms | ` +
      `keystroke p99 ratio ${fmtRatio(withComments.keystrokeLatency.p99 / without.keystrokeLatency.p99)}`,
  )
  writeSection('comments', report(withComments, without, o))
}

runIfMain(import.meta.url, main)
