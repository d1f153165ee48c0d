import type { EditorState } from '@tiptap/pm/state'
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { toBase64 } from './toBase64.js'

export type PassageAnchor =
  { ok: true; anchor: { from: string; to: string }; quote: string } | { ok: false; reason: string }

/** the longest quote kept with a new thread's form; the server keeps its own */
const QUOTE_PREVIEW = 280

/** Where a PM position falls in the Yjs document: the XmlText holding the character, and the index in it. */
function yTextIndex(state: EditorState, pos: number): { type: Y.XmlText; index: number } | null {
  const binding = ySyncPluginKey.getState(state)?.binding
  if (!binding) return null
  // y-prosemirror's own conversion, then back to (type, index): its positions stick to the
  // character before (assoc -1); the server expects the default association
  const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping)
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return null
  return { type: absolute.type, index: absolute.index }
}

/**
 * The current selection as the anchor of a new thread: two Yjs relative positions on
 * the XmlText that holds its characters, `to` just after the last one. A passage must
 * lie in one paragraph or one field (one XmlText), so that the server can mark it.
 */
export function passageAnchor(state: EditorState): PassageAnchor {
  const { from, to, empty } = state.selection
  if (empty) return { ok: false, reason: 'Sélectionnez d’abord le passage à commenter.' }
  const quote = state.doc.textBetween(from, to, '\n').trim()
  if (!quote) return { ok: false, reason: 'La sélection ne contient pas de texte à commenter.' }
  const start = yTextIndex(state, from)
  const end = yTextIndex(state, to)
  if (!start || !end || start.type !== end.type || end.index <= start.index)
    return {
      ok: false,
      reason: 'Sélectionnez un passage à l’intérieur d’un seul paragraphe ou d’un seul champ.',
    }
  const encode = (index: number) =>
    toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.type, index)))
  return {
    ok: true,
    anchor: { from: encode(start.index), to: encode(end.index) },
    quote: quote.length > QUOTE_PREVIEW ? `${quote.slice(0, QUOTE_PREVIEW)}…` : quote,
  }
}
