import { CONVENTION_FORMAT_VERSION, type Convention, type ConventionBlock } from '../conventionModel.js'
import type { ConventionBlockV1, ConventionV1 } from './conventionModelV1.js'

/** Version 1 had no formatting, parties, territory, planning tables nor indicator follow-up. */
function migrateBlock(block: ConventionBlockV1): ConventionBlock {
  switch (block.type) {
    case 'ficheAction': {
      const { theme, indicators, ...rest } = block
      return {
        ...rest,
        theme: { codes: theme.code ? [theme.code] : [], label: theme.label },
        communeIds: [],
        indicators: { items: indicators.items.map((text) => ({ text, rowId: null })), tableId: indicators.tableId },
      }
    }
    case 'indicatorTable':
      return {
        ...block,
        ownerId: null,
        rows: block.rows.map((row) => ({ ...row, frequency: null, collector: '' })),
      }
    case 'signatoryBlock':
      return { ...block, signatories: block.signatories.map((s) => ({ ...s, partyId: null })) }
    default:
      return block
  }
}

/**
 * A version-1 export as version 2: every text unchanged, no party inferred from the text
 * (the "Entre les soussignés" section stays prose), no territory, signatories bound to no party.
 */
export function migrateV1(convention: ConventionV1): Convention {
  const { content, comments, ...rest } = convention
  return {
    ...rest,
    version: CONVENTION_FORMAT_VERSION,
    parties: [],
    territory: null,
    content: content.map(migrateBlock),
    ...(comments ? { comments } : {}),
  }
}
