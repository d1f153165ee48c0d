import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { yDocToConvention, type Convention, type FicheActionBlock } from '@ctg/shared'
import RedisClient from 'ioredis'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { freePort } from '../helpers/freePort.js'
import { MessageType, SyncStep } from '../helpers/protocolFrames.js'
import { listenToRedis } from '../helpers/redisMessages.js'
import { issueTestToken, startServerProcess, type ServerProcess } from '../helpers/startServerProcess.js'
import { removeDir } from '../helpers/startTestServer.js'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js'
import { fieldText, findElements } from '../helpers/yFields.js'
import * as Y from 'yjs'
import { draftExportOf } from '../helpers/draftExport.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * The state vector of a SyncStep1 relayed by Hocuspocus's Redis extension (a length-prefixed
 * instance identifier, then a Hocuspocus frame), or null for any other message.
 */
function firstSyncStepOf(message: Buffer): Map<number, number> | null {
  const decoder = decoding.createDecoder(message.subarray(message[0]! + 1))
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== MessageType.Sync || decoding.readVarUint(decoder) !== SyncStep.one) return null
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder))
}

const ficheTitle = (doc: TestClient['doc']) =>
  (yDocToConvention(doc).content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title

describe('several server processes through Redis and PostgreSQL', () => {
  const prefix = `ctg-test-${randomBytes(4).toString('hex')}`
  let database: TestDatabase
  let a: ServerProcess
  let b: ServerProcess
  const dataDirs: string[] = []
  let token: string

  beforeAll(async () => {
    database = await createTestDatabase()
    token = await issueTestToken()
    const start = async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ctg-redis-'))
      dataDirs.push(dataDir)
      return startServerProcess({
        port: await freePort(),
        dataDir,
        env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, REDIS_RESYNC_MS: '3000' },
      })
    }
    ;[a, b] = await Promise.all([start(), start()])
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.drop()
    dataDirs.forEach(removeDir)
  })

  async function createOn(proc: ServerProcess): Promise<string> {
    const response = await fetch(`${proc.httpUrl}/api/conventions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ convention: smallConvention() }),
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }

  async function exportFrom(proc: ServerProcess, id: string): Promise<Convention> {
    const response = await fetch(`${proc.httpUrl}/api/conventions/${id}/export?format=json`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    return (await response.json()) as Convention
  }

  it('clients connected to different processes converge, and both processes export the same text', async () => {
    const id = await createOn(a)
    const onA = await connectClient(a.wsUrl, id, token)
    const onB = await connectClient(b.wsUrl, id, token)
    const titleA = fieldText(findElements(onA.doc, 'ficheTitle')[0]!)
    const titleB = fieldText(findElements(onB.doc, 'ficheTitle')[0]!)
    for (const [i, char] of [...'ABCDEFGH'].entries()) {
      titleA.insert(0, char.toLowerCase())
      titleB.insert(titleB.length, char)
      if (i % 2) await new Promise((r) => setTimeout(r, 5))
    }
    await Promise.all([onA.settled(), onB.settled()])
    await waitFor(() => ficheTitle(onA.doc) === ficheTitle(onB.doc), 'the two processes converge')
    expect(ficheTitle(onA.doc)).toBe('hgfedcbaOuvrir un relais petite enfanceABCDEFGH')
    expect(await exportFrom(a, id)).toEqual(draftExportOf(onA.doc))
    expect(await exportFrom(b, id)).toEqual(draftExportOf(onA.doc))
    onA.destroy()
    onB.destroy()
  })

  it('an update published while a process was cut off from Redis reaches it when it comes back', async () => {
    const id = await createOn(a)
    const onA = await connectClient(a.wsUrl, id, token)
    const onB = await connectClient(b.wsUrl, id, token)
    const admin = new RedisClient(REDIS_URL)
    const onChannel = await listenToRedis(REDIS_URL, `${prefix}:${id}`)
    try {
      // B freezes, and Redis drops its connections: whatever is published now never reaches B
      process.kill(b.child.pid!, 'SIGSTOP')
      const clients = (await admin.client('LIST')) as string
      const ofB = clients
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}:${b.child.pid} `))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!)
      expect(ofB.length).toBeGreaterThanOrEqual(2)
      for (const clientId of ofB) await admin.client('KILL', 'ID', clientId)

      fieldText(findElements(onA.doc, 'ficheTitle')[0]!).insert(0, 'Pendant la coupure — ')
      await onA.settled()
      // A publishes its new state vector in the background: wait until Redis carried it (to nobody on B)
      const clock = Y.getState(onA.doc.store, onA.doc.clientID)
      await waitFor(
        () => onChannel.messages.some((m) => (firstSyncStepOf(m)?.get(onA.doc.clientID) ?? 0) >= clock),
        'A publishes the change',
      )
      process.kill(b.child.pid!, 'SIGCONT')

      await waitFor(() => ficheTitle(onB.doc).startsWith('Pendant la coupure — '), 'B recovers the lost update', 15_000)
      expect(await exportFrom(b, id)).toEqual(draftExportOf(onA.doc))
    } finally {
      process.kill(b.child.pid!, 'SIGCONT')
      onChannel.stop()
      admin.disconnect()
      onA.destroy()
      onB.destroy()
    }
  })
})
