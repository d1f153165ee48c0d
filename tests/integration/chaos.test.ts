import { describe, expect, it } from 'vitest'
import { runChaos } from '../chaos/runChaos.js'

/** CHAOS_SEED replays one seed; CHAOS_SEEDS=N runs seeds 1…N (`npm run chaos` runs 40). */
const seeds = process.env.CHAOS_SEED
  ? [Number(process.env.CHAOS_SEED)]
  : Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 3) }, (_, i) => i + 1)

describe('convergence under chaos: random edits, disconnects, client crashes and server SIGKILLs', () => {
  it.each(seeds)(
    'seed %i: clients and storage end identical, no acknowledged edit is lost',
    async (seed) => {
      const report = await runChaos(seed, { clients: 3, steps: 80 }).catch((error: Error) => {
        throw new Error(`${error.message}\nreplay: CHAOS_SEED=${seed} npx vitest run tests/integration/chaos.test.ts`)
      })
      console.log(JSON.stringify(report))
      expect(report.edits).toBeGreaterThan(10)
      expect(report.acknowledged).toBeGreaterThan(0)
      expect(report, `replay: CHAOS_SEED=${seed} npx vitest run tests/integration/chaos.test.ts`).toMatchObject({
        lost: 0,
      })
    },
    120_000,
  )
})
