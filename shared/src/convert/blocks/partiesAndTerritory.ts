import type { Party, Territory } from '../../export/conventionModel.js'
import type { PartyKind } from '../../schema/vocabulary.js'
import { attrOf, childOf, childrenOf, inlineText, lineNode, node, type EditorNode } from '../editorJson.js'

/** The parties of a parties block, as data. */
export function exportParties(block: EditorNode): Party[] {
  return childrenOf(block, 'party').map((p) => ({
    id: attrOf(p, 'id'),
    kind: attrOf<PartyKind>(p, 'kind'),
    officialName: inlineText(childOf(p, 'partyName')),
    siren: attrOf<string | null>(p, 'siren'),
    representative: {
      function: inlineText(childOf(p, 'partyRepresentativeFunction')),
      name: inlineText(childOf(p, 'partyRepresentativeName')),
    },
    deliberation: {
      body: inlineText(childOf(p, 'partyDeliberationBody')),
      date: attrOf<string | null>(p, 'deliberationDate'),
    },
  }))
}

export function importPartiesBlock(id: string, parties: Party[]): EditorNode {
  return node('partiesBlock', { id }, parties.map(importParty))
}

export function importParty(p: Party): EditorNode {
  return node('party', { id: p.id, kind: p.kind, siren: p.siren, deliberationDate: p.deliberation.date }, [
    lineNode('partyName', p.officialName),
    lineNode('partyRepresentativeFunction', p.representative.function),
    lineNode('partyRepresentativeName', p.representative.name),
    lineNode('partyDeliberationBody', p.deliberation.body),
  ])
}

/** The EPCI and communes of a territory block, as data. */
export function exportTerritory(block: EditorNode): Territory {
  return {
    epci: { name: inlineText(childOf(block, 'territoryEpci')), siren: attrOf<string | null>(block, 'epciSiren') },
    communes: childrenOf(block, 'commune').map((c) => ({
      id: attrOf(c, 'id'),
      name: inlineText(childOf(c, 'communeName')),
      insee: attrOf<string | null>(c, 'insee'),
    })),
  }
}

export function importTerritoryBlock(id: string, territory: Territory): EditorNode {
  return node('territoryBlock', { id, epciSiren: territory.epci.siren }, [
    lineNode('territoryEpci', territory.epci.name),
    ...territory.communes.map(importCommune),
  ])
}

export function importCommune(c: Territory['communes'][number]): EditorNode {
  return node('commune', { id: c.id, insee: c.insee }, [lineNode('communeName', c.name)])
}
