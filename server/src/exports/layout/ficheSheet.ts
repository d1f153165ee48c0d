import { FOLLOW_UP_STATUS_LABELS, THEME_LABELS, type FicheActionBlock } from '@ctg/shared'
import type { PrintList, PrintParagraph, PrintSheet } from './PrintDocument.js'
import type { LayoutContext } from './LayoutContext.js'
import { paragraph, paragraphs, plainRuns } from './textRuns.js'

type SheetContent = (PrintParagraph | PrintList)[]

/** Every field of a fiche but those the sheet's heading shows. */
type FicheField = Exclude<keyof FicheActionBlock, 'type' | 'id' | 'number' | 'title'>

const list = (items: string[], ordered = false): PrintList[] =>
  items.length === 0 ? [] : [{ kind: 'list', ordered, items: items.map((text) => ({ paragraphs: [plainRuns(text)] })) }]

/**
 * How each field of a fiche action is printed, in the sheet's order. Typed over the fiche's
 * fields: a new field breaks the build until it says how it prints (null: not printed,
 * with why).
 */
const FICHE_FIELDS = {
  theme: {
    label: 'Thématique',
    content: ({ theme: { codes, label } }) => {
      const [main, ...others] = codes.map((code) => THEME_LABELS[code])
      return [
        ...(label || main ? [paragraph(label || main!)] : []),
        ...(others.length ? [paragraph(`Thématiques associées : ${others.join(', ')}`, 'note')] : []),
      ]
    },
  },
  communeIds: {
    label: 'Communes concernées',
    content: (f, context) => list(f.communeIds.map((id) => context.placeName(id) ?? id)),
  },
  // the formatting of the fields of paragraphs, printed with each of them
  rich: { label: '', content: () => [] },
  objective: { label: 'Objectif', content: (f) => paragraphs(f.objective, f.rich?.objective) },
  keyActions: {
    label: 'Actions clés',
    content: (f) =>
      f.keyActions.length === 0
        ? []
        : [
            {
              kind: 'list',
              ordered: false,
              items: f.keyActions.map((a) => {
                const details = [
                  a.pilot && `pilote : ${a.pilot}`,
                  a.deadline !== null && `échéance : ${a.deadline}`,
                  FOLLOW_UP_STATUS_LABELS[a.status].toLowerCase(),
                ].filter(Boolean)
                return {
                  paragraphs: [
                    [
                      { text: `${a.number} `, marks: [{ type: 'bold' }] },
                      ...plainRuns(a.label),
                      ...plainRuns(details.length ? ` (${details.join(', ')})` : ''),
                    ],
                  ],
                }
              }),
            },
          ],
  },
  expectedResult: { label: 'Résultat attendu', content: (f) => paragraphs(f.expectedResult, f.rich?.expectedResult) },
  targetAudience: { label: 'Public cible', content: (f) => paragraphs(f.targetAudience, f.rich?.targetAudience) },
  territory: { label: 'Territoire', content: (f) => paragraphs(f.territory, f.rich?.territory) },
  pilot: { label: 'Pilote', content: (f) => paragraphs(f.pilot) },
  partners: { label: 'Partenaires', content: (f) => list(f.partners) },
  funding: { label: 'Financement', content: (f) => paragraphs(f.funding, f.rich?.funding) },
  schedule: {
    label: 'Calendrier',
    content: ({ schedule: { startYear, endYear } }) =>
      startYear === null && endYear === null
        ? []
        : [paragraph(startYear === endYear ? `${startYear}` : `${startYear ?? '…'} – ${endYear ?? '…'}`)],
  },
  indicators: {
    label: 'Indicateurs',
    content: (f, context) => {
      const table = f.indicators.tableId ? context.tableTitle(f.indicators.tableId) : null
      const items = f.indicators.items.map(({ text, rowId }) => {
        const row = rowId ? context.rowLabel(rowId) : null
        return row && row !== text ? `${text} (suivi : ${row})` : text
      })
      return [...list(items), ...(table ? [paragraph(`Tableau de suivi : ${table}`, 'note')] : [])]
    },
  },
  status: { label: 'État d’avancement', content: (f) => [paragraph(FOLLOW_UP_STATUS_LABELS[f.status])] },
  priority: {
    label: 'Priorité (plénière)',
    content: (f) => (f.priority === undefined ? [] : [paragraph(`${f.priority}`)]),
  },
} satisfies Record<
  FicheField,
  { label: string; content: (fiche: FicheActionBlock, context: LayoutContext) => SheetContent }
>

/** A fiche action as a framed sheet: its number and title, then each field that has content. */
export function ficheSheet(fiche: FicheActionBlock, context: LayoutContext): PrintSheet {
  const fields = Object.values(FICHE_FIELDS).map(({ label, content }) => ({
    label,
    content: (content as (f: FicheActionBlock, c: LayoutContext) => SheetContent)(fiche, context),
  }))
  return {
    kind: 'sheet',
    number: `Fiche action n° ${fiche.number}`,
    title: fiche.title,
    fields: fields.filter((f) => f.content.length > 0),
  }
}
