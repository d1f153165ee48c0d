import { FINAL_CLOSE_CODES, parseStatelessMessage, type StatelessMessage } from '@ctg/shared'
import { describe, expect, it } from 'vitest'

describe('the stateless messages the server sends, parsed in one place', () => {
  it.each<StatelessMessage>([
    { type: 'access', role: 'reader' },
    { type: 'access', role: null },
    { type: 'deleted', deletedAt: '2026-03-12T13:05:00.000Z', deletedBy: { id: 'u-1', name: 'Claire' } },
    { type: 'frozen', status: 'adopted' },
    { type: 'threads', event: 'detached', threadId: 't-1' },
    { type: 'plenary', plenaryId: 'p-1', event: 'closed' },
  ])('%j', (message) => {
    expect(parseStatelessMessage(JSON.stringify(message))).toEqual(message)
  })

  it('refuses what is not one of them', () => {
    for (const payload of [
      'not json',
      'null',
      '42',
      '{"type":"access","role":"admin"}',
      '{"type":"threads","event":"created"}',
      '{"type":"plenary","plenaryId":"p-1","event":"closed","extra":1}',
      '{"type":"unknown"}',
    ]) {
      expect(parseStatelessMessage(payload)).toBeNull()
    }
  })

  it('knows the closes after which a client must not reconnect', () => {
    expect([...FINAL_CLOSE_CODES].sort()).toEqual([4401, 4403, 4410])
  })
})
