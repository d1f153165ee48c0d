import { afterAll, describe, expect, it } from 'vitest'
import { runChaos } from '../chaos/runChaos.js'

/** CHAOS_SEED replays one seed; CHAOS_SEEDS=N runs seeds 1…N (`npm run chaos` runs 40). */
const seeds = process.env.CHAOS_SEED
  ? [Number(process.env.CHAOS_SEED)]
  : Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 3) }, (_, i) => i + 1)

const replay = (seed: number) => `replay: CHAOS_SEED=${seed} npx vitest run tests/integration/chaos.test.ts`

describe('convergence under chaos: random edits, disconnects, client crashes and server SIGKILLs', () => {
  let acknowledged = 0
  afterAll(() => {
    // a plan whose clients all crash before any acknowledgement checks convergence only; the run as a whole must check durability
    expect(acknowledged, 'acknowledged edits checked over the run').toBeGreaterThan(0)
  })

  it.each(seeds)(
    'seed %i: clients and storage end identical, no acknowledged edit is lost',
    async (seed) => {
      const report = await runChaos(seed, { clients: 3, steps: 80 }).catch((error: Error) => {
        throw new Error(`${error.message}\n${replay(seed)}`)
      })
      console.log(JSON.stringify(report))
      acknowledged += report.acknowledged
      expect(report.edits).toBeGreaterThan(10)
      expect(report, replay(seed)).toMatchObject({ lost: 0 })
    },
    120_000,
  )
})
