import {
  RICH_FICHE_FIELDS,
  type FicheActionBlock,
  type KeyAction,
  type RichFicheField,
} from '../../export/conventionModel.js'
import { listOf } from '../../rules/registryCodes.js'
import { exportParagraphsField, importParagraphsField } from './paragraphsField.js'
import type { FollowUpStatus, Theme } from '../../schema/vocabulary.js'
import { keyActionNumber } from '../../rules/numbering.js'
import { attrOf, childOf, childrenOf, inlineText, lineNode, node, type EditorNode } from '../editorJson.js'

/** The field node of each field of paragraphs. */
const RICH_FIELD_NODES = {
  objective: 'ficheObjective',
  expectedResult: 'ficheExpectedResult',
  targetAudience: 'ficheTargetAudience',
  territory: 'ficheTerritory',
  funding: 'ficheFunding',
} as const satisfies Record<RichFicheField, string>

/** The main theme first, then the others, each once. */
function themeCodes(theme: EditorNode): Theme[] {
  const main = attrOf<Theme | null>(theme, 'theme')
  const others = listOf(attrOf<string | null>(theme, 'otherThemes')) as Theme[]
  return [...new Set([...(main ? [main] : []), ...others])]
}

/** The fields of paragraphs: their plain texts, and `rich` for those with formatting or lists. */
function paragraphsFields(fiche: EditorNode): Record<RichFicheField, string> & Pick<FicheActionBlock, 'rich'> {
  const rich: NonNullable<FicheActionBlock['rich']> = {}
  const texts = {} as Record<RichFicheField, string>
  for (const field of RICH_FICHE_FIELDS) {
    const exported = exportParagraphsField(childOf(fiche, RICH_FIELD_NODES[field]))
    texts[field] = exported.text
    if (exported.rich) rich[field] = exported.rich
  }
  return Object.keys(rich).length ? { ...texts, rich } : texts
}

export function exportFicheAction(fiche: EditorNode, number: number): FicheActionBlock {
  const theme = childOf(fiche, 'ficheTheme')
  const { rich, ...texts } = paragraphsFields(fiche)
  return {
    type: 'ficheAction',
    id: attrOf(fiche, 'id'),
    number,
    title: inlineText(childOf(fiche, 'ficheTitle')),
    theme: { codes: themeCodes(theme), label: inlineText(theme) },
    communeIds: listOf(attrOf<string | null>(childOf(fiche, 'ficheTerritory'), 'communeIds')),
    objective: texts.objective,
    keyActions: childrenOf(childOf(fiche, 'ficheKeyActions'), 'keyAction').map((action, i) => ({
      id: attrOf(action, 'id'),
      number: keyActionNumber(number, i),
      label: inlineText(childOf(action, 'keyActionLabel')),
      pilot: inlineText(childOf(action, 'keyActionPilot')),
      deadline: attrOf(action, 'deadline'),
      status: attrOf<FollowUpStatus>(action, 'status'),
    })),
    expectedResult: texts.expectedResult,
    targetAudience: texts.targetAudience,
    territory: texts.territory,
    partners: childrenOf(childOf(fiche, 'fichePartners'), 'ficheListItem').map(inlineText),
    pilot: inlineText(childOf(fiche, 'fichePilot')),
    funding: texts.funding,
    schedule: { startYear: attrOf(fiche, 'startYear'), endYear: attrOf(fiche, 'endYear') },
    indicators: {
      items: childrenOf(childOf(fiche, 'ficheIndicators'), 'ficheListItem').map((item) => ({
        text: inlineText(item),
        rowId: attrOf<string | null>(item, 'rowId'),
      })),
      tableId: attrOf(childOf(fiche, 'ficheIndicators'), 'tableId'),
    },
    status: attrOf<FollowUpStatus>(fiche, 'status'),
    ...priorityOf(fiche),
    ...(rich ? { rich } : {}),
  }
}

/** The `priority` attribute, only when set (exports from before it stay the same). */
function priorityOf(fiche: EditorNode): { priority?: number } {
  const priority = attrOf<number | null>(fiche, 'priority')
  return typeof priority === 'number' && Number.isInteger(priority) && priority >= 1 ? { priority } : {}
}

export function importFicheAction(fiche: FicheActionBlock): EditorNode {
  return node(
    'ficheAction',
    {
      id: fiche.id,
      status: fiche.status,
      startYear: fiche.schedule.startYear,
      endYear: fiche.schedule.endYear,
      ...(fiche.priority !== undefined ? { priority: fiche.priority } : {}),
    },
    [
      lineNode('ficheTitle', fiche.title),
      node(
        'ficheTheme',
        { theme: fiche.theme.codes[0] ?? null, otherThemes: fiche.theme.codes.slice(1).join(' ') || null },
        lineNode('ficheTheme', fiche.theme.label).content,
      ),
      node('ficheObjective', undefined, importParagraphsField(fiche.objective, fiche.rich?.objective)),
      node('ficheKeyActions', undefined, fiche.keyActions.map(importKeyAction)),
      node('ficheExpectedResult', undefined, importParagraphsField(fiche.expectedResult, fiche.rich?.expectedResult)),
      node('ficheTargetAudience', undefined, importParagraphsField(fiche.targetAudience, fiche.rich?.targetAudience)),
      node(
        'ficheTerritory',
        { communeIds: fiche.communeIds.join(' ') || null },
        importParagraphsField(fiche.territory, fiche.rich?.territory),
      ),
      node(
        'fichePartners',
        undefined,
        fiche.partners.map((p) => lineNode('ficheListItem', p)),
      ),
      lineNode('fichePilot', fiche.pilot),
      node('ficheFunding', undefined, importParagraphsField(fiche.funding, fiche.rich?.funding)),
      node(
        'ficheIndicators',
        { tableId: fiche.indicators.tableId },
        fiche.indicators.items.map((i) =>
          node('ficheListItem', { rowId: i.rowId }, lineNode('ficheListItem', i.text).content),
        ),
      ),
    ],
  )
}

export function importKeyAction(action: KeyAction): EditorNode {
  return node('keyAction', { id: action.id, status: action.status, deadline: action.deadline }, [
    lineNode('keyActionLabel', action.label),
    lineNode('keyActionPilot', action.pilot),
  ])
}
