import { THEME_LABELS, THEMES, type Theme } from '@ctg/shared'
import * as Y from 'yjs'

/** The children of an element, elements and texts alike. */
export function childrenOf(node: Y.XmlElement | Y.XmlFragment): (Y.XmlElement | Y.XmlText)[] {
  return node.toArray().filter((child): child is Y.XmlElement | Y.XmlText => !(child instanceof Y.XmlHook))
}

export function childElement(node: Y.XmlElement, name: string): Y.XmlElement | null {
  for (const child of childrenOf(node)) if (child instanceof Y.XmlElement && child.nodeName === name) return child
  return null
}

export function childElements(node: Y.XmlElement | null, name: string): Y.XmlElement[] {
  if (!node) return []
  return childrenOf(node).filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === name)
}

/** The characters of a text, without its marks (comment anchors, bold…). */
export function textOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}

/** The plain text of a node: paragraphs joined by line breaks. */
export function plainText(node: Y.XmlElement | Y.XmlText | null): string {
  if (!node) return ''
  if (node instanceof Y.XmlText) return textOf(node)
  if (node.nodeName === 'hardBreak') return '\n'
  const parts = childrenOf(node).map(plainText)
  return node.nodeName === 'paragraph' || childrenOf(node).every((c) => c instanceof Y.XmlText)
    ? parts.join('')
    : parts.filter(Boolean).join('\n')
}

/** The fiche's theme as people read it: the precision typed when there is one, else the theme's label. */
export function themeLabel(fiche: Y.XmlElement): string {
  const theme = childElement(fiche, 'ficheTheme')
  const code = theme?.getAttribute('theme') as unknown
  const precision = plainText(theme).trim()
  if (precision) return precision
  const named = typeof code === 'string' && (THEMES as readonly string[]).includes(code) && code !== 'autre'
  return named ? THEME_LABELS[code as Theme] : ''
}

export interface FicheOutline {
  id: string
  number: number
  title: string
  theme: string
  keyActions: { id: string; number: string; label: string }[]
  element: Y.XmlElement
}

/** The fiches of the document in order, numbered as the editor numbers them. */
export function fichesOf(fragment: Y.XmlFragment): FicheOutline[] {
  const fiches: FicheOutline[] = []
  for (const node of childrenOf(fragment)) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'ficheAction') continue
    const number = fiches.length + 1
    fiches.push({
      id: String(node.getAttribute('id') ?? ''),
      number,
      title: plainText(childElement(node, 'ficheTitle')).trim(),
      theme: themeLabel(node),
      keyActions: childElements(childElement(node, 'ficheKeyActions'), 'keyAction').map((action, i) => ({
        id: String(action.getAttribute('id') ?? ''),
        number: `${number}.${i + 1}`,
        label: plainText(childElement(action, 'keyActionLabel')).trim(),
      })),
      element: node,
    })
  }
  return fiches
}

/** "Fiche action n°3 — Parentalité", as the comments panel names a fiche. */
export function ficheName(fiche: Pick<FicheOutline, 'number' | 'title' | 'theme'>): string {
  const name = fiche.title || fiche.theme
  return name ? `Fiche action n°${fiche.number} — ${name}` : `Fiche action n°${fiche.number}`
}
