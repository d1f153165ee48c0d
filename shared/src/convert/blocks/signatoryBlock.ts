import type { Signatory, SignatoryBlockBlock } from '../../export/conventionModel.js'
import type { Civility, SignatoryKind } from '../../schema/vocabulary.js'
import { attrOf, childOf, childrenOf, inlineText, lineNode, node, type EditorNode } from '../editorJson.js'

export function exportSignatoryBlock(block: EditorNode): SignatoryBlockBlock {
  return {
    type: 'signatoryBlock',
    id: attrOf(block, 'id'),
    signatories: childrenOf(block, 'signatory').map((s) => ({
      id: attrOf(s, 'id'),
      organisation: inlineText(childOf(s, 'signatoryOrganisation')),
      kind: attrOf<SignatoryKind>(s, 'kind'),
      function: inlineText(childOf(s, 'signatoryFunction')),
      civility: attrOf<Civility | null>(s, 'civility'),
      name: inlineText(childOf(s, 'signatoryName')),
      mandate: { deliberation: inlineText(childOf(s, 'signatoryMandate')), date: attrOf(s, 'mandateDate') },
      place: inlineText(childOf(s, 'signatoryPlace')),
      signatureDate: attrOf(s, 'signatureDate'),
      signed: attrOf<boolean>(s, 'signed'),
      partyId: attrOf<string | null>(s, 'partyId'),
    })),
  }
}

export function importSignatoryBlock(block: SignatoryBlockBlock): EditorNode {
  return node('signatoryBlock', { id: block.id }, block.signatories.map(importSignatory))
}

export function importSignatory(s: Signatory): EditorNode {
  return node(
    'signatory',
    {
      id: s.id,
      kind: s.kind,
      civility: s.civility,
      mandateDate: s.mandate.date,
      signatureDate: s.signatureDate,
      signed: s.signed,
      partyId: s.partyId,
    },
    [
      lineNode('signatoryOrganisation', s.organisation),
      lineNode('signatoryFunction', s.function),
      lineNode('signatoryName', s.name),
      lineNode('signatoryMandate', s.mandate.deliberation),
      lineNode('signatoryPlace', s.place),
    ],
  )
}
