import { randomBytes } from 'node:crypto'
import { RedisAutoVersionPeers } from '@ctg/server'
import RedisClient from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/connectClient.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const ELODIE = { id: 'u-elodie', name: 'Élodie' }
const KARIM = { id: 'u-karim', name: 'Karim' }

/**
 * Typing marks the document as changed at every keystroke; two processes (two peers on one real
 * Redis) must still agree on whether it changed and who changed it last, with a write to Redis
 * per burst rather than per keystroke. Commands are counted by Redis's own MONITOR.
 */
describe('marks of changes for automatic versions, across processes (Redis)', () => {
  const prefix = `ctg-test-${randomBytes(4).toString('hex')}`
  const opened: RedisClient[] = []
  const writes: string[][] = []
  let a: RedisAutoVersionPeers
  let b: RedisAutoVersionPeers

  beforeAll(async () => {
    const watcher = new RedisClient(REDIS_URL)
    opened.push(watcher)
    const monitor = await watcher.monitor()
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'set' && args[1]?.startsWith(prefix)) writes.push(args)
    })
    a = new RedisAutoVersionPeers(new RedisClient(REDIS_URL), prefix)
    b = new RedisAutoVersionPeers(new RedisClient(REDIS_URL), prefix)
  })
  afterAll(async () => {
    await Promise.all([a.close(), b.close()])
    for (const client of opened) client.disconnect()
  })

  it('writes one mark for a burst of keystrokes, and the other process takes the last author', async () => {
    const doc = `doc-${randomBytes(3).toString('hex')}`
    for (let i = 0; i < 50; i++) await a.changedBy(doc, i % 2 ? null : ELODIE)
    await a.changedBy(doc, KARIM)
    await a.changedBy(doc, null)
    await waitFor(() => writes.some((args) => args[1]!.includes(doc)), 'the mark reaches Redis')
    expect(await b.takeChanges(doc)).toEqual({ author: KARIM })
    expect(writes.filter((args) => args[1]!.includes(doc))).toHaveLength(1)
    // taken: nothing more until the next change
    expect(await b.takeChanges(doc)).toBeUndefined()
  })

  it('a change not yet written is taken by its own process at once, and by the last writer leaving', async () => {
    const doc = `doc-${randomBytes(3).toString('hex')}`
    await a.changedBy(doc, ELODIE)
    expect(await a.takeChanges(doc)).toEqual({ author: ELODIE })

    await a.writerJoined(doc, 'socket-1')
    await a.changedBy(doc, KARIM)
    // the writer leaves before the mark's delay: the change is in Redis for whoever takes it
    expect(await a.writerLeft(doc, 'socket-1')).toBe(true)
    expect(await b.takeChanges(doc)).toEqual({ author: KARIM })
  })

  it('the later change names the version, even when the earlier one reaches Redis last (a writer leaving)', async () => {
    const doc = `doc-${randomBytes(3).toString('hex')}`
    await a.writerJoined(doc, 'owner')
    await b.writerJoined(doc, 'editor')
    await a.changedBy(doc, ELODIE)
    const elodieTyped = Date.now()
    await waitFor(() => Date.now() > elodieTyped, 'a later millisecond')
    // Karim types on b after Élodie; b's mark is written first, Élodie's only when she leaves
    await b.changedBy(doc, KARIM)
    expect(await b.writerLeft(doc, 'editor')).toBe(false)
    expect(await a.writerLeft(doc, 'owner')).toBe(true)
    expect(await a.takeChanges(doc)).toEqual({ author: KARIM })
  })

  it('a change without a known author still marks the document, without overwriting a named one', async () => {
    const doc = `doc-${randomBytes(3).toString('hex')}`
    await a.changedBy(doc, ELODIE)
    await a.changedBy(doc, null)
    await waitFor(() => writes.some((args) => args[1]!.includes(doc)), 'the mark reaches Redis')
    await b.changedBy(doc, null)
    await waitFor(() => writes.filter((args) => args[1]!.includes(doc)).length === 2, "b's mark reaches Redis")
    // b's anonymous change, the later one, left Élodie's name
    expect(await b.takeChanges(doc)).toEqual({ author: ELODIE })
    await b.changedBy(doc, null)
    expect(await b.takeChanges(doc)).toEqual({ author: null })
  })
})
