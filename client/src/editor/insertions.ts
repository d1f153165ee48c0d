import type { Editor } from '@tiptap/core'
import type { Period } from '@ctg/shared'

export interface Insertion {
  id: string
  label: string
  description: string
  group: 'Texte' | 'Blocs structurés'
  /** extra words the slash menu matches */
  keywords: string[]
  /** a short glyph for the slash menu */
  glyph: string
  run: (editor: Editor, period: Period) => void
}

/**
 * What the toolbar and the "/" menu can insert or apply. Blocks go after the
 * top-level block that holds the caret; tables follow the convention's period.
 */
export const INSERTIONS: Insertion[] = [
  // the structured blocks first: they are what "/" is most often typed for
  {
    id: 'ficheAction',
    label: 'Fiche action',
    description: 'Axe, objectif, actions clés, partenaires, calendrier, suivi',
    group: 'Blocs structurés',
    keywords: ['fiche', 'action', 'plan', 'objectif'],
    glyph: 'FA',
    run: (editor, period) => editor.chain().focus().insertFicheAction({ period }).scrollIntoView().run(),
  },
  {
    id: 'indicatorTable',
    label: 'Tableau d’indicateurs',
    description: 'Cibles et valeurs réalisées, une colonne par année',
    group: 'Blocs structurés',
    keywords: ['tableau', 'indicateurs', 'suivi', 'évaluation', 'cibles'],
    glyph: '▦',
    run: (editor, period) => editor.chain().focus().insertIndicatorTable({ period }).scrollIntoView().run(),
  },
  {
    id: 'signatoryBlock',
    label: 'Bloc signataires',
    description: 'Les parties signataires, sur deux colonnes',
    group: 'Blocs structurés',
    keywords: ['signataires', 'signatures', 'parties', 'signer'],
    glyph: '✎',
    run: (editor) => editor.chain().focus().insertSignatoryBlock().scrollIntoView().run(),
  },
  {
    id: 'partiesBlock',
    label: 'Parties à la convention',
    description: 'Entre les soussignés : chaque partie, son représentant, sa délibération',
    group: 'Blocs structurés',
    keywords: ['parties', 'soussignés', 'caf', 'epci', 'commune', 'représentant', 'délibération'],
    glyph: '⚖',
    run: (editor) => editor.chain().focus().insertPartiesBlock().scrollIntoView().run(),
  },
  {
    id: 'territoryBlock',
    label: 'Territoire',
    description: 'L’EPCI et les communes couvertes (liste à coller)',
    group: 'Blocs structurés',
    keywords: ['territoire', 'communes', 'epci', 'insee'],
    glyph: '⌂',
    run: (editor) => editor.chain().focus().insertTerritoryBlock().scrollIntoView().run(),
  },
  {
    id: 'planningTable',
    label: 'Tableau de programmation',
    description: 'Offre existante à la signature, prévue et réalisée par année',
    group: 'Blocs structurés',
    keywords: ['programmation', 'offre', 'places', 'crèche', 'prévu', 'existant'],
    glyph: '▤',
    run: (editor, period) => editor.chain().focus().insertPlanningTable({ period }).scrollIntoView().run(),
  },
  {
    id: 'paragraph',
    label: 'Texte',
    description: 'Un paragraphe de texte courant',
    group: 'Texte',
    keywords: ['paragraphe', 'texte', 'normal'],
    glyph: '¶',
    run: (editor) => editor.chain().focus().setParagraph().run(),
  },
  ...([1, 2, 3] as const).map((level): Insertion => ({
    id: `heading${level}`,
    label: `Titre ${level}`,
    description: ['Titre de partie ou d’article', 'Sous-titre', 'Intertitre'][level - 1]!,
    group: 'Texte',
    keywords: ['titre', 'heading', `h${level}`, level === 1 ? 'article' : 'section'],
    glyph: `T${level}`,
    run: (editor) => editor.chain().focus().toggleHeading({ level }).run(),
  })),
  {
    id: 'bulletList',
    label: 'Liste à puces',
    description: 'Une liste d’éléments non numérotés',
    group: 'Texte',
    keywords: ['liste', 'puces', 'ul'],
    glyph: '•',
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'orderedList',
    label: 'Liste numérotée',
    description: 'Une liste d’éléments numérotés 1, 2, 3',
    group: 'Texte',
    keywords: ['liste', 'numéros', 'ordonnée', 'ol'],
    glyph: '1.',
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
  },
]

/** Lower case without accents, so "indicateur" finds "Tableau d’indicateurs" and "fiche" finds "Fiche". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, ' ')
    .toLowerCase()
}

export function filterInsertions(query: string): Insertion[] {
  const q = normalizeForSearch(query.trim())
  if (!q) return INSERTIONS
  return INSERTIONS.filter((item) =>
    [item.label, item.description, ...item.keywords].some((text) => normalizeForSearch(text).includes(q)),
  )
}
