import type {
  PrintDocument,
  PrintElement,
  PrintList,
  PrintParagraph,
  PrintRenderers,
  PrintRun,
  PrintTable,
} from '../layout/PrintDocument.js'
import { CONVENTION_CSS } from './conventionCss.js'
import { escapeHtml, safeHref } from './escapeHtml.js'

function run(r: PrintRun): string {
  let html = escapeHtml(r.text).replace(/\n/g, '<br>')
  for (const mark of r.marks ?? []) {
    if (mark.type === 'bold') html = `<strong>${html}</strong>`
    else if (mark.type === 'italic') html = `<em>${html}</em>`
    else if (mark.type === 'underline') html = `<u>${html}</u>`
    else if (mark.type === 'strike') html = `<s>${html}</s>`
    else {
      const href = safeHref(mark.href)
      if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`
    }
  }
  return html
}

export const runsHtml = (runs: PrintRun[]) => runs.map(run).join('')

const paragraphHtml = (p: PrintParagraph) => `<p${p.style ? ` class="${p.style}"` : ''}>${runsHtml(p.runs)}</p>`

function listHtml(list: PrintList): string {
  const tag = list.ordered ? 'ol' : 'ul'
  const items = list.items.map((item) => {
    const paragraphs =
      item.paragraphs.length === 1
        ? runsHtml(item.paragraphs[0]!)
        : item.paragraphs.map((p) => `<p>${runsHtml(p)}</p>`).join('')
    return `<li>${paragraphs}${item.sublist ? listHtml(item.sublist) : ''}</li>`
  })
  return `<${tag}>${items.join('')}</${tag}>`
}

/** A wide table's fixed columns get room (the label wider), the year columns share the rest. */
function wideColumns(t: PrintTable): string {
  const fixed = t.groups?.[0]?.span ?? 1
  return `<colgroup>${t.columns.map((_, i) => (i === 0 ? '<col class="first">' : i < fixed ? '<col class="fixed">' : '<col>')).join('')}</colgroup>`
}

/** Each element as HTML (headings shift by one: the title page holds the document's h1). */
const HTML: PrintRenderers<string> = {
  heading: (h) => `<h${h.level + 1}>${runsHtml(h.runs)}</h${h.level + 1}>`,
  paragraph: paragraphHtml,
  list: listHtml,
  sheet: (sheet) =>
    `<section class="fiche"><header><span class="fiche-number">${escapeHtml(sheet.number)}</span>` +
    `<h5 class="fiche-title">${escapeHtml(sheet.title)}</h5></header><dl>` +
    sheet.fields
      .map(
        (f) =>
          `<dt>${escapeHtml(f.label)}</dt><dd>${f.content.map((c) => (c.kind === 'list' ? listHtml(c) : paragraphHtml(c))).join('')}</dd>`,
      )
      .join('') +
    '</dl></section>',
  table: (t) => {
    const groups = t.groups
      ? `<tr>${t.groups.map((g) => `<th colspan="${g.span}">${escapeHtml(g.text)}</th>`).join('')}</tr>`
      : ''
    const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`
    const body = t.rows
      .map(
        (row) =>
          `<tr>${row.map((cell, i) => `<td${t.numeric[i] ? ' class="num"' : ''}>${escapeHtml(cell).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`,
      )
      .join('')
    return (
      `<section class="table-block${t.wide ? ' wide' : ''}"><h5>${escapeHtml(t.title)}</h5>` +
      `<table>${t.wide ? wideColumns(t) : ''}<thead>${groups}${head}</thead><tbody>${body}</tbody></table>` +
      (t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '') +
      '</section>'
    )
  },
  signatures: (s) =>
    '<div class="signatures">' +
    s.signatories
      .map(
        (sig) =>
          `<div class="signatory"><p class="organisation">${escapeHtml(sig.organisation)}</p>` +
          `<p class="function">${escapeHtml(sig.function)}</p><p class="name">${escapeHtml(sig.name)}</p>` +
          (sig.mandate ? `<p class="mandate">${escapeHtml(sig.mandate)}</p>` : '') +
          `<p class="place">${escapeHtml(sig.placeAndDate)}</p><div class="room"></div></div>`,
      )
      .join('') +
    '</div>',
}

export function elementHtml(element: PrintElement): string {
  return (HTML[element.kind] as (e: PrintElement) => string)(element)
}

/** The whole convention as one standalone HTML page (styles inline, no script, no remote resource). */
export function renderHtml(doc: PrintDocument): string {
  const titlePage =
    '<section class="title-page">' +
    '<p class="kind">Convention Territoriale Globale</p>' +
    `<h1>${escapeHtml(doc.title)}</h1><p class="period">${escapeHtml(doc.period)}</p>` +
    (doc.parties.length
      ? `<p class="between">Entre</p><ul class="parties">${doc.parties.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
      : '') +
    `<p class="status">${escapeHtml(doc.versionLine)}</p></section>`
  return (
    '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(doc.title)}</title>` +
    `<meta name="dcterms.created" content="${escapeHtml(doc.date)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<style>${CONVENTION_CSS}</style></head><body>${titlePage}<main>` +
    doc.body.map(elementHtml).join('\n') +
    `</main><footer class="version-line">${escapeHtml(doc.versionLine)}</footer></body></html>\n`
  )
}
