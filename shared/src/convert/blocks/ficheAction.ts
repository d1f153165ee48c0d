import type { FicheActionBlock } from '../../export/conventionModel.js'
import type { FollowUpStatus, Theme } from '../../schema/vocabulary.js'
import { keyActionNumber } from '../../rules/numbering.js'
import {
  attrOf,
  childOf,
  childrenOf,
  inlineText,
  lineNode,
  node,
  paragraphNodes,
  paragraphsText,
  type EditorNode,
} from '../editorJson.js'

export function exportFicheAction(fiche: EditorNode, number: number): FicheActionBlock {
  const theme = childOf(fiche, 'ficheTheme')
  return {
    type: 'ficheAction',
    id: attrOf(fiche, 'id'),
    number,
    title: inlineText(childOf(fiche, 'ficheTitle')),
    theme: { code: attrOf<Theme | null>(theme, 'theme'), label: inlineText(theme) },
    objective: paragraphsText(childOf(fiche, 'ficheObjective')),
    keyActions: childrenOf(childOf(fiche, 'ficheKeyActions'), 'keyAction').map((action, i) => ({
      id: attrOf(action, 'id'),
      number: keyActionNumber(number, i),
      label: inlineText(childOf(action, 'keyActionLabel')),
      pilot: inlineText(childOf(action, 'keyActionPilot')),
      deadline: attrOf(action, 'deadline'),
      status: attrOf<FollowUpStatus>(action, 'status'),
    })),
    expectedResult: paragraphsText(childOf(fiche, 'ficheExpectedResult')),
    targetAudience: paragraphsText(childOf(fiche, 'ficheTargetAudience')),
    territory: paragraphsText(childOf(fiche, 'ficheTerritory')),
    partners: childrenOf(childOf(fiche, 'fichePartners'), 'ficheListItem').map(inlineText),
    pilot: inlineText(childOf(fiche, 'fichePilot')),
    funding: paragraphsText(childOf(fiche, 'ficheFunding')),
    schedule: { startYear: attrOf(fiche, 'startYear'), endYear: attrOf(fiche, 'endYear') },
    indicators: {
      items: childrenOf(childOf(fiche, 'ficheIndicators'), 'ficheListItem').map(inlineText),
      tableId: attrOf(childOf(fiche, 'ficheIndicators'), 'tableId'),
    },
    status: attrOf<FollowUpStatus>(fiche, 'status'),
  }
}

export function importFicheAction(fiche: FicheActionBlock): EditorNode {
  return node(
    'ficheAction',
    {
      id: fiche.id,
      status: fiche.status,
      startYear: fiche.schedule.startYear,
      endYear: fiche.schedule.endYear,
    },
    [
      lineNode('ficheTitle', fiche.title),
      node('ficheTheme', { theme: fiche.theme.code }, lineNode('ficheTheme', fiche.theme.label).content),
      node('ficheObjective', undefined, paragraphNodes(fiche.objective)),
      node('ficheKeyActions', undefined, fiche.keyActions.map(importKeyAction)),
      node('ficheExpectedResult', undefined, paragraphNodes(fiche.expectedResult)),
      node('ficheTargetAudience', undefined, paragraphNodes(fiche.targetAudience)),
      node('ficheTerritory', undefined, paragraphNodes(fiche.territory)),
      node(
        'fichePartners',
        undefined,
        fiche.partners.map((p) => lineNode('ficheListItem', p)),
      ),
      lineNode('fichePilot', fiche.pilot),
      node('ficheFunding', undefined, paragraphNodes(fiche.funding)),
      node(
        'ficheIndicators',
        { tableId: fiche.indicators.tableId },
        fiche.indicators.items.map((i) => lineNode('ficheListItem', i)),
      ),
    ],
  )
}

export function importKeyAction(action: FicheActionBlock['keyActions'][number]): EditorNode {
  return node('keyAction', { id: action.id, status: action.status, deadline: action.deadline }, [
    lineNode('keyActionLabel', action.label),
    lineNode('keyActionPilot', action.pilot),
  ])
}
