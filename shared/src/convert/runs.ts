import type { Run, TextMark } from '../export/conventionModel.js'
import type { EditorNode } from './editorJson.js'

/** The formatting marks the export keeps, in the order it writes them (the y-prosemirror mark names). */
const MARK_ORDER = ['bold', 'italic', 'underline', 'strike', 'link'] as const

function marksOf(node: EditorNode): TextMark[] {
  const out: TextMark[] = []
  for (const name of MARK_ORDER) {
    const mark = node.marks?.find((m) => m.type === name)
    if (!mark) continue
    if (name === 'link') {
      const href = mark.attrs?.href
      if (typeof href === 'string' && href !== '') out.push({ type: 'link', href: href.slice(0, 2_000) })
    } else out.push({ type: name })
  }
  return out
}

const sameMarks = (a: TextMark[], b: TextMark[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The runs of an inline container: consecutive text of the same formatting in one run (a
 * comment's anchor is not formatting), a hard break "\n" in the text. Undefined when no
 * text has formatting: plain text needs no runs.
 */
export function inlineRuns(node: EditorNode): Run[] | undefined {
  const pieces: { text: string; marks: TextMark[] }[] = []
  for (const child of node.content ?? []) {
    const text = child.type === 'text' ? (child.text ?? '') : child.type === 'hardBreak' ? '\n' : ''
    if (text === '') continue
    const marks = child.type === 'text' ? marksOf(child) : []
    const last = pieces.at(-1)
    if (last && sameMarks(last.marks, marks)) last.text += text
    else pieces.push({ text, marks })
  }
  if (!pieces.some((p) => p.marks.length > 0)) return undefined
  return pieces.map((p) => (p.marks.length ? { text: p.text, marks: p.marks } : { text: p.text }))
}

/** The runs of each paragraph of a field (or list item), or undefined when none has formatting. */
export function paragraphRuns(paragraphs: EditorNode[]): Run[][] | undefined {
  const runs = paragraphs.map((p) => inlineRuns(p))
  if (runs.every((r) => r === undefined)) return undefined
  return paragraphs.map((p, i) => runs[i] ?? plainRuns(p))
}

/** The runs of a paragraph without formatting: its text as one run, none when empty. */
export function plainRuns(paragraph: EditorNode): Run[] {
  let text = ''
  for (const child of paragraph.content ?? [])
    text += child.type === 'text' ? (child.text ?? '') : child.type === 'hardBreak' ? '\n' : ''
  return text === '' ? [] : [{ text }]
}

/** Inline content for runs: text nodes with their marks, "\n" as hard breaks. */
export function runsContent(runs: Run[]): EditorNode[] | undefined {
  const content: EditorNode[] = []
  for (const run of runs) {
    const marks = run.marks?.map((m) =>
      m.type === 'link' ? { type: 'link', attrs: { href: m.href } } : { type: m.type },
    )
    run.text.split('\n').forEach((line, i) => {
      if (i > 0) content.push({ type: 'hardBreak' })
      if (line !== '') content.push(marks?.length ? { type: 'text', text: line, marks } : { type: 'text', text: line })
    })
  }
  return content.length ? content : undefined
}
