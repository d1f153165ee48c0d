import * as Y from 'yjs'
import { toBase64 } from '../comments/toBase64.js'

/** Each rendered text's element, and the Y.XmlText it shows (set by `YTextView`). */
const texts = new WeakMap<Element, Y.XmlText>()

export function registerText(element: Element | null, text: Y.XmlText): void {
  if (element) texts.set(element, text)
}

export const TEXT_ATTRIBUTE = 'data-ytext'

export type SelectedPassage =
  | { ok: true; anchor: { from: string; to: string }; quote: string; blockId: string | null }
  | { ok: false; reason: string }

/** How many characters of `container`'s text come before (node, offset). */
function indexIn(container: Element, node: Node, offset: number): number {
  const range = document.createRange()
  range.selectNodeContents(container)
  range.setEnd(node, offset)
  return range.toString().length
}

function textElementOf(node: Node | null): Element | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null)
  return element?.closest(`[${TEXT_ATTRIBUTE}]`) ?? null
}

/**
 * The page's selection as a passage anchor, as the comments issue defines it: two Yjs
 * relative positions on the XmlText that holds the characters (default association),
 * `to` just after the last one. Both ends must be in one paragraph or one field.
 */
export function selectedPassage(selection: Selection | null): SelectedPassage | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  const startElement = textElementOf(range.startContainer)
  const endElement = textElementOf(range.endContainer)
  if (!startElement && !endElement) return null
  const quote = range.toString().trim()
  if (!quote) return null
  const text = startElement ? texts.get(startElement) : undefined
  if (!startElement || startElement !== endElement || !text || text.doc === null)
    return { ok: false, reason: 'Sélectionnez un passage à l’intérieur d’un seul paragraphe ou d’un seul champ.' }
  const from = indexIn(startElement, range.startContainer, range.startOffset)
  const to = Math.min(indexIn(startElement, range.endContainer, range.endOffset), text.length)
  if (to <= from) return null
  const encode = (index: number) =>
    toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)))
  const block = startElement.closest('[data-block-id]')
  return {
    ok: true,
    anchor: { from: encode(from), to: encode(to) },
    quote: quote.length > 280 ? `${quote.slice(0, 280)}…` : quote,
    blockId: block?.getAttribute('data-block-id') ?? null,
  }
}
