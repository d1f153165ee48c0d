import type { Convention } from '@ctg/shared'

/** "8 signatures sur 13": signatories who signed, among every signatory block. */
export function signatureCount(convention: Convention): { signed: number; total: number } {
  let signed = 0
  let total = 0
  for (const block of convention.content) {
    if (block.type !== 'signatoryBlock') continue
    total += block.signatories.length
    signed += block.signatories.filter((s) => s.signed).length
  }
  return { signed, total }
}
