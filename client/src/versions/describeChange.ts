import type { Convention, ConventionChange } from '@ctg/shared'

const OPS: Record<ConventionChange['op'], string> = {
  added: 'Ajouté',
  removed: 'Retiré',
  moved: 'Déplacé',
  changed: 'Modifié',
}

const FIELDS: Record<string, string> = {
  title: 'titre',
  objective: 'objectif',
  keyActions: 'action clé',
  label: 'libellé',
  pilot: 'pilote',
  signatories: 'signataire',
  organisation: 'organisme',
  name: 'nom',
  rows: 'indicateur',
  years: 'année',
  target: 'cible',
  reached: 'réalisé',
  period: 'période',
  expectedResult: 'résultat attendu',
  targetAudience: 'public visé',
  partners: 'partenaires',
  text: 'texte',
  content: 'texte libre',
  // a fiche's field of paragraphs as data: its formatting and its lists
  rich: 'mise en forme',
  items: 'élément de liste',
  sublist: 'sous-liste',
  runs: 'mise en forme',
}

/** "Modifié · Fiche 2 · objectif": what changed where, in words. */
export function describeChange(change: ConventionChange, before: Convention | null, after: Convention | null): string {
  const block = [...(after?.content ?? []), ...(before?.content ?? [])].find(
    (b) => 'id' in b && b.id === change.blockId,
  ) as { type: string; number?: number; title?: string } | undefined
  const where =
    block?.type === 'ficheAction'
      ? `Fiche ${block.number ?? ''} « ${block.title ?? ''} »`
      : block?.type === 'indicatorTable'
        ? `Tableau « ${block.title ?? ''} »`
        : block?.type === 'signatoryBlock'
          ? 'Signataires'
          : change.blockId === null
            ? 'Document'
            : 'Bloc'
  const fields = change.path
    .split('/')
    .filter((s) => s && !/^\d+$/.test(s))
    .map((s) => FIELDS[s] ?? s)
  return [OPS[change.op], where, ...new Set(fields)].join(' · ')
}
