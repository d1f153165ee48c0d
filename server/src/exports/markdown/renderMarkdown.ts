import type {
  PrintDocument,
  PrintElement,
  PrintList,
  PrintParagraph,
  PrintRenderers,
  PrintRun,
} from '../layout/PrintDocument.js'
import { safeHref } from '../html/escapeHtml.js'

/** Characters Markdown would read as syntax, escaped in text. */
const escapeMd = (text: string) =>
  text.replace(/([\\`*_{}[\]<>#|~]|^[-+](?= ))/gm, '\\$1').replace(/^(\d+)\. /gm, '$1\\. ')
const escapeCell = (text: string) => escapeMd(text).replace(/\n/g, '<br>')

function run(r: PrintRun): string {
  const lines = r.text.split('\n').map(escapeMd)
  let md = lines.join('\\\n')
  if (md.trim() === '') return md
  // marks wrap the words, not the spaces around them (else Markdown ignores them)
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(md)!
  md = core!
  for (const mark of r.marks ?? []) {
    if (mark.type === 'bold') md = `**${md}**`
    else if (mark.type === 'italic') md = `*${md}*`
    else if (mark.type === 'underline') md = `<u>${md}</u>`
    else if (mark.type === 'strike') md = `~~${md}~~`
    else {
      const href = safeHref(mark.href)
      if (href) md = `[${md}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`
    }
  }
  return lead + md + trail
}

const runsMd = (runs: PrintRun[]) => runs.map(run).join('')

function listMd(list: PrintList, indent = ''): string {
  return list.items
    .map((item, i) => {
      const bullet = list.ordered ? `${i + 1}. ` : '- '
      const pad = indent + ' '.repeat(bullet.length)
      const [first = [], ...rest] = item.paragraphs
      let md = `${indent}${bullet}${runsMd(first)}`
      for (const p of rest) md += `\n\n${pad}${runsMd(p)}`
      if (item.sublist) md += `\n${listMd(item.sublist, pad)}`
      return md
    })
    .join('\n')
}

const paragraphMd = (p: PrintParagraph) => (p.style === 'note' ? `*${runsMd(p.runs)}*` : runsMd(p.runs))

const MARKDOWN: PrintRenderers<string> = {
  heading: (h) => `${'#'.repeat(h.level + 1)} ${runsMd(h.runs)}`,
  paragraph: paragraphMd,
  list: (l) => listMd(l),
  sheet: (sheet) =>
    [
      '---',
      `### ${escapeMd(sheet.number)} — ${escapeMd(sheet.title)}`,
      ...sheet.fields.map((f) => {
        const [first, ...rest] = f.content
        const head = `**${escapeMd(f.label)}**\u00a0:`
        if (first?.kind === 'paragraph' && rest.length === 0) return `${head} ${paragraphMd(first)}`
        return [head, ...f.content.map((c) => (c.kind === 'list' ? listMd(c) : paragraphMd(c)))].join('\n\n')
      }),
      '---',
    ].join('\n\n'),
  table: (t) => {
    // Markdown has no spanning cells: each column says its group ("2026 — Cible")
    const groupOf: string[] = []
    for (const g of t.groups ?? []) for (let i = 0; i < g.span; i++) groupOf.push(g.text)
    const columns = t.columns.map((c, i) => (groupOf[i] ? `${groupOf[i]} — ${c}` : c))
    const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
    return [
      `**${escapeMd(t.title)}**`,
      [line(columns), `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...t.rows.map(line)].join('\n'),
      ...(t.note ? [`*${escapeMd(t.note)}*`] : []),
    ].join('\n\n')
  },
  signatures: (s) => {
    const cell = (i: number) => {
      const sig = s.signatories[i]
      if (!sig) return ''
      return [`**${escapeMd(sig.organisation)}**`, sig.function, sig.name, sig.mandate, sig.placeAndDate, '<br><br>']
        .filter(Boolean)
        .map((t, k) => (k === 0 || t === '<br><br>' ? t : escapeCell(t)))
        .join('<br>')
    }
    const rows: string[] = ['| | |', '| --- | --- |']
    for (let i = 0; i < s.signatories.length; i += 2) rows.push(`| ${cell(i)} | ${cell(i + 1)} |`)
    return rows.join('\n')
  },
}

export function elementMarkdown(element: PrintElement): string {
  return (MARKDOWN[element.kind] as (e: PrintElement) => string)(element)
}

/** The convention as Markdown (CommonMark with GFM tables): the title page as its first lines. */
export function renderMarkdown(doc: PrintDocument): string {
  const head = [
    `# ${escapeMd(doc.title)}`,
    `**Convention Territoriale Globale — ${doc.period}**`,
    ...(doc.parties.length ? ['Entre\u00a0:', doc.parties.map((p) => `- ${escapeMd(p)}`).join('\n')] : []),
    `*${escapeMd(doc.versionLine)}*`,
  ]
  return [...head, ...doc.body.map(elementMarkdown)].join('\n\n') + '\n'
}
