import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installDom } from '../fuzz/installDom.js'
import { runEditorFuzz } from '../fuzz/runEditorFuzz.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

/**
 * The suite runs the deterministic fiche-loss case in emptiedField.test.ts and the seeds
 * below; `npm run fuzz` runs seeds 1 to FUZZ_SEEDS (200 by default), FUZZ_SEED=n replays
 * one, FUZZ_VERBOSE=1 prints each edit and the closes it met.
 *
 * Seeds kept as regression cases: 1 (crossing moves of same-type blocks: y-prosemirror
 * rewrote swapped blocks in place, and two crossing swaps left one block's content nowhere;
 * now `alignByBlockId`), 3 and 4 (an editor stopped showing entries added where a move
 * had changed the children, and a reconnect asked for while the socket was closing was
 * ignored, leaving a peer offline after 4422 "depends on changes the server does not have").
 *
 * Seeds 6 (a signatory disappeared), 21 and 26 (a peer, synced with nothing unsent, held an
 * older document than the server's) failed once under load, and passed replayed alone; kept
 * as regression cases, their cause not established (docs/ARCHITECTURE.md, "Known limits").
 * 21 and 26 look like chaos seed 186: a connection left on a copy of the document other than
 * the live one, which LiveDocumentGuard now closes (staleDocumentCopy.test.ts); not proven.
 */
const SUITE_SEEDS = [1, 2, 3, 4, 6, 21, 26]

const FUZZ = { peers: 3, rounds: 3, editsPerRound: 40 }

function seedsToRun(): number[] {
  if (process.env.FUZZ_SEED) return [Number(process.env.FUZZ_SEED)]
  // FUZZ_FIRST=201 FUZZ_SEEDS=200: seeds 201 to 400
  const first = Number(process.env.FUZZ_FIRST ?? 1)
  if (process.env.FUZZ_SEEDS) return Array.from({ length: Number(process.env.FUZZ_SEEDS) }, (_, i) => i + first)
  return SUITE_SEEDS
}

let server: TestServer
beforeAll(async () => {
  installDom()
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

describe('three Tiptap editors with the collaboration binding converge, and no block is lost', () => {
  const seeds = seedsToRun()
  const totals = { seeds: 0, edits: 0, disconnects: 0, lostToMoves: 0 }
  afterAll(() => console.log(`editor fuzz: ${JSON.stringify(totals)}`))

  it.each(seeds)(
    'seed %i',
    async (seed) => {
      const report = await runEditorFuzz(server, seed, FUZZ)
      totals.seeds++
      totals.edits += Object.values(report.edits).reduce((a, b) => a + b, 0)
      totals.disconnects += report.disconnects
      totals.lostToMoves += report.lostToMoves
      expect(report.edits.type).toBeGreaterThan(0)
    },
    120_000,
  )
})
