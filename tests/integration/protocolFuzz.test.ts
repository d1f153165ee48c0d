import { checkConvention } from '@ctg/server'
import { Y_FRAGMENT_NAME, yDocToConvention } from '@ctg/shared'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { ProtocolFuzzer } from '../fuzz/ProtocolFuzzer.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'

/**
 * FUZZ_SEED replays one run (FUZZ_SEED=random draws one), FUZZ_ITERATIONS makes it longer:
 * FUZZ_SEED=7 FUZZ_ITERATIONS=5000 npx vitest run tests/integration/protocolFuzz.test.ts
 */
const seed =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 1)
const iterations = Number(process.env.FUZZ_ITERATIONS ?? 300)
const replay = `replay: FUZZ_SEED=${seed} FUZZ_ITERATIONS=${iterations} npx vitest run tests/integration/protocolFuzz.test.ts`
const SOCKETS = 3
const CHECK_EVERY = 50

let server: TestServer
afterAll(async () => {
  await server?.stop()
  if (server) removeDir(server.dataDir)
})

/** A paragraph at the end of the document, typed by one person and seen by another. */
async function stillServing(typist: TestClient, reader: TestClient, marker: string) {
  const fragment = typist.doc.getXmlFragment(Y_FRAGMENT_NAME)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(marker)])
  fragment.insert(fragment.length, [paragraph])
  await waitFor(() => reader.doc.getXmlFragment(Y_FRAGMENT_NAME).toString().includes(marker), `${marker} to arrive`)
  const response = await server.api('/api/me')
  expect(response.status).toBe(200)
}

describe('protocol fuzzing: random and mutated frames, before and after authentication', () => {
  it(
    `the server keeps serving others and its document stays valid (seed ${seed}, ${iterations} iterations)`,
    async () => {
      // bad tokens are part of the fuzz: the failed-authentication rate is tested on its own
      server = await startTestServer({ env: { FAILED_AUTHS_PER_MINUTE: '100000', UPDATE_TIMEOUT_MS: '2000' } })
      const id = await createConvention(server, largeConvention())
      const token = await server.memberToken(id, { id: 'u-fuzz', name: 'Fuzz' })
      const typist = await connectClient(
        server.wsUrl,
        id,
        await server.memberToken(id, { id: 'u-caf', name: 'Claire (Caf)' }),
      )
      const reader = await connectClient(
        server.wsUrl,
        id,
        await server.memberToken(id, { id: 'u-epci', name: 'Élodie (EPCI)' }),
      )
      const fuzzer = new ProtocolFuzzer(seed, id, () => reader.doc, token)
      const sockets: (RawSocket | undefined)[] = []
      const closes = new Map<number, number>()
      let frames = 0

      try {
        for (let i = 0; i < iterations; i++) {
          const slot = fuzzer.int(0, SOCKETS - 1)
          let socket = sockets[slot]
          if (!socket || socket.closed) {
            if (socket?.closed) closes.set(socket.closed.code, (closes.get(socket.closed.code) ?? 0) + 1)
            socket = sockets[slot] = await openRawSocket(server.wsUrl)
            // most sockets authenticate first; the others are fuzzed before authentication
            if (fuzzer.chance(0.7)) await socket.authenticate(id, token).catch(() => undefined)
          }
          for (let n = fuzzer.int(1, 4); n > 0; n--) {
            socket.send(fuzzer.nextFrame())
            frames++
          }
          await new Promise((r) => setTimeout(r, fuzzer.int(0, 3)))
          if (i % CHECK_EVERY === CHECK_EVERY - 1) await stillServing(typist, reader, `contrôle ${i}`)
        }
        for (const socket of sockets) socket?.ws.close()
        await stillServing(typist, reader, 'contrôle final')

        // the document every client holds is valid once the debounced repairs ran, and the same for all
        await waitFor(() => checkConvention(reader.doc).length === 0, 'a valid document', 5000).catch(() => {
          throw new Error(`schema issues: ${JSON.stringify(checkConvention(reader.doc).slice(0, 5))}`)
        })
        const export_ = await server.api(`/api/conventions/${id}/export?format=json`)
        expect(export_.status).toBe(200)
        const latecomer = await connectClient(server.wsUrl, id, token)
        await waitFor(
          () => JSON.stringify(yDocToConvention(latecomer.doc)) === JSON.stringify(yDocToConvention(reader.doc)),
          'a latecomer to hold the same document',
        )
        for (const client of [typist, reader, latecomer]) client.destroy()

        // and so is the stored one, after a restart
        await server.stop()
        server = await startTestServer({ dataDir: server.dataDir })
        const restarted = await connectClient(server.wsUrl, id, token)
        expect(checkConvention(restarted.doc)).toEqual([])
        expect(restarted.doc.getXmlFragment(Y_FRAGMENT_NAME).toString()).toContain('contrôle final')
        restarted.destroy()
      } catch (error) {
        throw Object.assign(error as Error, { message: `${(error as Error).message}\n${replay}` })
      }
      console.log(
        `fuzz seed ${seed}: ${frames} frames, sockets closed by code ${JSON.stringify(Object.fromEntries(closes))}`,
      )
      // the run reached the guards: sockets were closed for several different reasons
      expect(closes.size, replay).toBeGreaterThanOrEqual(3)
    },
    Math.max(60_000, iterations * 60),
  )
})
