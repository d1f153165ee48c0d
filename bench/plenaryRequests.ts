import { parseArgs } from 'node:util'
import { joinPlenaryResponseSchema, plenaryResponseSchema } from '@ctg/shared'
import { runIfMain } from './lib/cli.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import { connectClient } from './lib/connectClient.js'
import { fmtMs } from './lib/format.js'
import { loadAverage } from './lib/machine.js'
import { cpuMeter } from './lib/procStats.js'
import { table, writeSection } from './lib/results.js'
import { startServer } from './lib/startServer.js'
import { sleep } from './lib/time.js'

/**
 * The server's CPU per participant request, without the keystroke fan-out around it: one
 * server (SQLite), one plénière, `participants` phones joined over HTTP, then each kind of
 * request (comment, change of supports, `…/me`) sent by every phone in turn, `concurrency`
 * at a time. CPU is the whole process's (worker threads included, from /proc) over each phase,
 * divided by its requests. `--profile` writes the server's CPU profile (`plenary-requests`).
 */

const DOC_NAME = 'c-bench-plenary-requests'

interface Phase {
  name: string
  requests: number
  cpuMsPerRequest: number
  failed: number
}

async function runPhases(o: { participants: number; rounds: number; concurrency: number; profile: boolean }) {
  const server = await startServer('ctg')
  try {
    await server.seed(encodeConvention(realisticConvention()), [DOC_NAME])
    const [owner] = await server.tokens(1, 'editor')
    // the facilitator follows: the document stays loaded (as while writers type) and gets the live messages
    const facilitator = await connectClient(server, DOC_NAME, owner!, 0)
    const opened = await fetch(`${server.httpUrl}/api/conventions/${DOC_NAME}/plenaries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Banc d’essai des requêtes', supportsPerParticipant: 3 }),
    })
    const { plenary } = plenaryResponseSchema.parse(await opened.json())
    const tokens: string[] = []
    for (let i = 0; i < o.participants; i++) {
      const r = await fetch(`${server.httpUrl}/api/plenaries/${plenary.code}/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `Participant·e ${i}` }),
      })
      tokens.push(joinPlenaryResponseSchema.parse(await r.json()).token)
    }
    const state = (await (
      await fetch(`${server.httpUrl}/api/plenaries/${plenary.code}/convention`, {
        headers: { Authorization: `Bearer ${tokens[0]}` },
      })
    ).json()) as { blocks?: unknown }
    const fiches = JSON.stringify(state)
      .match(/"fa-[\w-]+"/g)
      ?.map((s) => JSON.parse(s) as string) ?? ['fa-1']
    const distinct = [...new Set(fiches)]
    await sleep(500)

    const kinds: { name: string; request: (token: string, i: number, round: number) => [string, RequestInit] }[] = [
      {
        name: 'comment',
        request: (token, i, round) => [
          `/api/plenaries/${plenary.code}/comments`,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              anchor: { blockId: distinct[(i + round) % distinct.length] },
              body: `Remarque ${round} de ${i}`,
            }),
          },
        ],
      },
      {
        name: 'supports',
        request: (token, i, round) => [
          `/api/plenaries/${plenary.code}/supports`,
          {
            method: 'PUT',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              blockIds: Array.from({ length: (round % 3) + 1 }, (_, k) => distinct[(i + 2 * k) % distinct.length]),
            }),
          },
        ],
      },
      {
        name: 'me',
        request: (token) => [`/api/plenaries/${plenary.code}/me`, { headers: { Authorization: `Bearer ${token}` } }],
      },
    ]
    const expected: Record<string, number> = { comment: 201, supports: 200, me: 200 }
    if (o.profile) await server.profileStart()
    const phases: Phase[] = []
    for (const kind of kinds) {
      const jobs: [string, number][] = []
      for (let round = 0; round < o.rounds; round++) tokens.forEach((t, i) => jobs.push([t, i + round * 1000]))
      let failed = 0
      const meter = cpuMeter(server.pid)
      let next = 0
      await Promise.all(
        Array.from({ length: o.concurrency }, async () => {
          while (next < jobs.length) {
            const [token, n] = jobs[next++]!
            const [path, init] = kind.request(token, n % 1000, Math.floor(n / 1000))
            const response = await fetch(`${server.httpUrl}${path}`, init)
            await response.arrayBuffer()
            if (response.status !== expected[kind.name]) failed++
          }
        }),
      )
      const { cpuMs } = meter()
      phases.push({ name: kind.name, requests: jobs.length, cpuMsPerRequest: cpuMs / jobs.length, failed })
    }
    if (o.profile) {
      await server.profileStop('plenary-requests')
      console.log(summarizeProfile('plenary-requests', 'participant requests', 25))
    }
    facilitator.destroy()
    return phases
  } finally {
    await server.stop()
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      profile: { type: 'boolean', default: false },
    },
  })
  const o = {
    participants: Number(values.participants),
    rounds: Number(values.rounds),
    concurrency: Number(values.concurrency),
    profile: values.profile,
  }
  const before = loadAverage()
  const phases = await runPhases(o)
  for (const p of phases) {
    console.log(`${p.name}: ${p.requests} requests, ${fmtMs(p.cpuMsPerRequest)} ms server CPU each, ${p.failed} failed`)
  }
  writeSection(
    'plenary-requests',
    [
      `${o.participants} participants, ${o.rounds} requests of each kind each, ${o.concurrency} at a time; load average ${before} at the start.`,
      '',
      table(
        ['request', 'count', 'server CPU ms / request', 'failed'],
        phases.map((p) => [p.name, String(p.requests), fmtMs(p.cpuMsPerRequest), String(p.failed)]),
      ),
    ].join('\n'),
  )
}

runIfMain(import.meta.url, main)
