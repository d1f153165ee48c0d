import type { Schema } from '@tiptap/pm/model'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Convention } from '../export/conventionModel.js'
import { Y_FRAGMENT_NAME, Y_META_NAME } from '../schema/conventionNodes.js'
import { TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../rules/textLimits.js'
import { LONGEST_PERIOD_YEARS, periodProblem, YEAR_MAX, YEAR_MIN } from '../rules/yearRules.js'
import { conventionToEditorJson } from './conventionToEditor.js'
import type { EditorNode } from './editorJson.js'
import { editorJsonToConvention, type ConventionMeta } from './editorToConvention.js'

/**
 * The Y.Doc of a convention holds the editor content in the XmlFragment "default"
 * (what @tiptap/extension-collaboration binds to) and its metadata in the Y.Map "meta".
 */

const UNTITLED = 'Convention sans titre'

/**
 * The title and period, as the rules allow them: the update guard refuses any other, and a
 * document stored before it checked them reads as the nearest valid one.
 */
export function readMeta(ydoc: Y.Doc): ConventionMeta {
  const meta = ydoc.getMap(Y_META_NAME)
  const title = meta.get('title')
  const period = meta.get('period') as { start?: unknown; end?: unknown } | undefined
  return {
    title: typeof title === 'string' && title.length >= TITLE_MIN_LENGTH ? title.slice(0, TITLE_MAX_LENGTH) : UNTITLED,
    period: nearestPeriod(period?.start, period?.end),
  }
}

function nearestPeriod(start: unknown, end: unknown): { start: number; end: number } {
  if (!periodProblem(start, end)) return { start: start as number, end: end as number }
  const clamp = (y: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(y)))
  const first = Number.isFinite(start) ? clamp(start as number, YEAR_MIN, YEAR_MAX) : new Date().getFullYear()
  const last = Number.isFinite(end) ? (end as number) : first + 4
  return { start: first, end: clamp(last, first, Math.min(YEAR_MAX, first + LONGEST_PERIOD_YEARS)) }
}

export function writeMeta(ydoc: Y.Doc, meta: Partial<ConventionMeta>): void {
  const map = ydoc.getMap(Y_META_NAME)
  ydoc.transact(() => {
    if (meta.title !== undefined) map.set('title', meta.title)
    if (meta.period !== undefined) map.set('period', { start: meta.period.start, end: meta.period.end })
  })
}

export function yDocToEditorJson(ydoc: Y.Doc): EditorNode {
  return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(Y_FRAGMENT_NAME)) as EditorNode
}

/** Writes editor JSON into the document's (empty) fragment, in one transaction. */
export function writeEditorJson(ydoc: Y.Doc, schema: Schema, doc: EditorNode): void {
  const fragment = ydoc.getXmlFragment(Y_FRAGMENT_NAME)
  ydoc.transact(() => {
    if (fragment.length > 0) fragment.delete(0, fragment.length)
    prosemirrorJSONToYXmlFragment(schema, doc, fragment)
  })
}

export function yDocToConvention(ydoc: Y.Doc): Convention {
  return editorJsonToConvention(yDocToEditorJson(ydoc), readMeta(ydoc))
}

/** Fills an empty Y.Doc from a structured convention (templates, imports). */
export function writeConvention(ydoc: Y.Doc, schema: Schema, convention: Convention): void {
  const { doc, meta } = conventionToEditorJson(convention)
  ydoc.transact(() => {
    writeEditorJson(ydoc, schema, doc)
    writeMeta(ydoc, meta)
  })
}
