import { nowMs, sleep } from './time.js'

/** How many comments, and how many changes of supports, each phone sends. */
export const ACTIONS = 3

export interface Timed {
  status: number
  latency: number
}

/** What a phone comments on and supports: the seed's fiches and its commentable blocks. */
export interface PlenaryTargets {
  fiches: string[]
  blocks: string[]
}

/** What phones need to act: where, when, and who (`i`: the phone's global number, for its targets). */
export interface ParticipateArgs {
  httpUrl: string
  code: string
  targets: PlenaryTargets
  phones: { token: string; i: number }[]
  windowFromMs: number
  windowMs: number
}

export interface Participation {
  comments: Timed[]
  supports: Timed[]
}

async function timedFetch(url: string, init: RequestInit): Promise<{ status: number; latency: number }> {
  const start = nowMs()
  const response = await fetch(url, init)
  await response.arrayBuffer().catch(() => undefined)
  return { status: response.status, latency: nowMs() - start }
}

/** One phone's 3 comments and 3 changes of supports (growing sets), at random times in the window. */
async function participate(args: ParticipateArgs, token: string, i: number): Promise<Participation> {
  const { httpUrl, code, targets, windowFromMs, windowMs } = args
  const times = Array.from({ length: 2 * ACTIONS }, () => Math.random() * windowMs).sort((a, b) => a - b)
  // the k-th change of supports holds k+1 fiches, each participant starting at a different one
  const chosen = Array.from({ length: ACTIONS }, (_, k) => targets.fiches[(i + 2 * k) % targets.fiches.length]!)
  let supportsDone = 0
  let commentsDone = 0
  const comments: Timed[] = []
  const supports: Timed[] = []
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  for (const at of times) {
    await sleep(Math.max(0, windowFromMs + at - nowMs()))
    // comments and supports interleave in random order
    const doComment = commentsDone < ACTIONS && (supportsDone >= ACTIONS || Math.random() < 0.5)
    if (doComment) {
      const k = commentsDone++
      comments.push(
        await timedFetch(`${httpUrl}/api/plenaries/${code}/comments`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            anchor: { blockId: targets.blocks[(i * ACTIONS + k) % targets.blocks.length] },
            body: `Remarque ${k + 1} du participant ${i}`,
          }),
        }),
      )
    } else {
      const k = supportsDone++
      supports.push(
        await timedFetch(`${httpUrl}/api/plenaries/${code}/supports`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ blockIds: chosen.slice(0, k + 1) }),
        }),
      )
    }
  }
  return { comments, supports }
}

/** Every phone of `args` acting at once, each at its own random times. */
export async function participateAll(args: ParticipateArgs): Promise<Participation> {
  const all = await Promise.all(args.phones.map(({ token, i }) => participate(args, token, i)))
  return { comments: all.flatMap((a) => a.comments), supports: all.flatMap((a) => a.supports) }
}
