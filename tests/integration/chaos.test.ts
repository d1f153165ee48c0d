import { afterAll, describe, expect, it } from 'vitest'
import { runChaos } from '../chaos/runChaos.js'

/**
 * Every seed that ever failed, kept as regression cases (issue 12). 30 timed out converging;
 * 28 and 17 under load (a client synced with nothing unsent lacked edits another had
 * acknowledged, in runs full of refusals 4422 "depends on changes the server does not have",
 * which the server no longer makes: it keeps such an update pending and asks the client for what
 * it lacks). 17 and 109 then failed under load with the file holding changes of crashed clients
 * that no live document had: updates checked while their document was unloaded were stored and
 * applied to the dead copy (now refused with 4205, `unloadedUpdates` in the report;
 * pendingStorage.test.ts). 1, 4 and 106 stayed shut out by 4429 on a loaded machine (the sandbox
 * watchdog counted wall time; sandboxWatchdog.test.ts). 35 failed under load (about 1 run
 * in 15 with another chaos run beside it): an acknowledged edit was not stored; an edit that waited
 * is now stored again once it integrates (docs/ARCHITECTURE.md "Known limits"). 53: the
 * killed server's file lacked a repair of its own that the clients held (they now hand it to the
 * next server, `lateServerChanges`). 199 and 259 failed once at load 12 to 25 with the file still
 * different after that restart, and passed 20 replays each since (quiet and at load 5): not
 * explained; a failure now prints both sides' structs and the first difference. 86 only missed
 * the harness's start timeout and is not kept.
 */
const REGRESSION_SEEDS = [1, 4, 17, 28, 30, 35, 53, 106, 109, 199, 259]

/**
 * CHAOS_SEED replays one seed (or several: `CHAOS_SEED=1,4,17`); CHAOS_SEEDS=N runs seeds 1…N (from
 * CHAOS_FIRST if set) (`npm run chaos` runs 40); the suite runs the regression seeds.
 * CHAOS_REPEAT=n runs each of those n times in one process (replays without n test startups).
 */
const chosen = process.env.CHAOS_SEED
  ? process.env.CHAOS_SEED.split(',').map(Number)
  : process.env.CHAOS_SEEDS
    ? Array.from({ length: Number(process.env.CHAOS_SEEDS) }, (_, i) => i + Number(process.env.CHAOS_FIRST ?? 1))
    : REGRESSION_SEEDS
const seeds = chosen.flatMap((seed) => Array<number>(Number(process.env.CHAOS_REPEAT ?? 1)).fill(seed))

const replay = (seed: number) => `replay: CHAOS_SEED=${seed} npx vitest run tests/integration/chaos.test.ts`

describe('convergence under chaos: random edits, disconnects, client crashes and server SIGKILLs', () => {
  let acknowledged = 0
  // every count of the seeds' reports, summed (the seed number itself is not a count)
  const totals: Record<string, number> = { seeds: 0 }
  afterAll(() => {
    console.log(`chaos totals: ${JSON.stringify(totals)}`)
    // a plan whose clients all crash before any acknowledgement checks convergence only (seed 35
    // alone does); a run of several seeds as a whole must check durability
    if (seeds.length > 1) expect(acknowledged, 'acknowledged edits checked over the run').toBeGreaterThan(0)
  })

  it.each(seeds)(
    'seed %i: clients and storage end identical, no acknowledged edit is lost',
    async (seed) => {
      const report = await runChaos(seed, { clients: 3, steps: 80 }).catch((error: Error) => {
        // printed at once too: a long run reports its failures only at its end
        console.error(`chaos seed ${seed} failed: ${error.message}`)
        throw new Error(`${error.message}\n${replay(seed)}`)
      })
      console.log(JSON.stringify(report))
      acknowledged += report.acknowledged
      totals.seeds = (totals.seeds ?? 0) + 1
      for (const [key, value] of Object.entries(report)) if (key !== 'seed') totals[key] = (totals[key] ?? 0) + value
      // how many edits a plan makes depends on how fast clients sync (seed 12 made 8 on a loaded machine)
      expect(report.edits).toBeGreaterThan(0)
      expect(report, replay(seed)).toMatchObject({ lost: 0 })
    },
    120_000,
  )
})
