import { parseStatelessMessage } from '@ctg/shared'

const parseDeletedMessage = (payload: string) => {
  const message = parseStatelessMessage(payload)
  return message?.type === 'deleted' ? message : null
}
import { describe, expect, it } from 'vitest'
import { describeDeletion } from '@ctg/client'

describe('a convention in the bin, as the client reads it', () => {
  it('parses the server’s `deleted` stateless message and nothing else', () => {
    const message = { type: 'deleted', deletedAt: '2026-03-12T13:05:00.000Z', deletedBy: { id: 'u-1', name: 'Claire' } }
    expect(parseDeletedMessage(JSON.stringify(message))).toEqual(message)
    expect(parseDeletedMessage(JSON.stringify({ ...message, deletedBy: null }))).toEqual({
      ...message,
      deletedBy: null,
    })
    expect(parseDeletedMessage(JSON.stringify({ ...message, deletedBy: { id: 3 } }))).toEqual({
      ...message,
      deletedBy: null,
    })
    for (const other of ['{"type":"access","role":null}', '{"type":"deleted"}', 'not json', 'null', '42']) {
      expect(parseDeletedMessage(other)).toBeNull()
    }
  })

  it('says who put it in the bin and when, in French', () => {
    const at = '2026-03-12T13:05:00.000Z'
    const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(at))
    expect(describeDeletion({ deletedAt: at, deletedBy: { id: 'u-1', name: 'Claire Durand' } })).toBe(
      `Cette convention a été mise à la corbeille par Claire Durand le ${when}.`,
    )
    expect(describeDeletion({ deletedAt: '', deletedBy: null })).toBe('Cette convention a été mise à la corbeille.')
  })
})
