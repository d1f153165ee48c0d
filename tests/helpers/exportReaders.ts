import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Convention } from '@ctg/shared'
import { unzipSync } from 'fflate'
import { expect } from 'vitest'

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')

/** Typography aside: non-breaking spaces are spaces, any run of white space is one space. */
export const normalizeText = (text: string) =>
  text
    .replace(/-\n\s*/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')

/** One entry of a ZIP (DOCX, ODT, archive) as text. */
export function zipEntryText(bytes: Uint8Array, path: string): string {
  const entry = unzipSync(bytes)[path]
  if (!entry) throw new Error(`no ${path} in the ZIP`)
  return new TextDecoder().decode(entry)
}

/** The text of a DOCX as Word stores it (word/document.xml), a paragraph per line. */
export function docxText(bytes: Uint8Array): string {
  const xml = zipEntryText(bytes, 'word/document.xml')
  return decodeEntities(
    xml
      .replace(/<w:tab\/>/g, ' ')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  )
}

/** The text of an ODT (content.xml), a paragraph per line, ODF's space elements expanded. */
export function odtText(bytes: Uint8Array): string {
  const xml = zipEntryText(bytes, 'content.xml')
  return decodeEntities(
    xml
      .replace(/<text:s text:c="(\d+)"\/>/g, (_, n: string) => ' '.repeat(Number(n)))
      .replace(/<text:(s|tab|line-break)\/>/g, ' ')
      .replace(/<\/text:(p|h)>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  )
}

/**
 * Poppler's pdftotext (Debian's poppler-utils) in content-stream order: Chromium draws in
 * document order, so a fiche's label column and the two signature columns do not interleave.
 */
export async function pdfText(file: string, page?: number): Promise<string> {
  const pages = page ? ['-f', String(page), '-l', String(page)] : []
  return runTool('pdftotext', ['-raw', '-enc', 'UTF-8', ...pages, file, '-'])
}

/**
 * A command-line reader's output (poppler's tools). Never run synchronously: the test server
 * runs in the test's own process, and a blocked loop keeps it from closing an idle keep-alive
 * socket in time, so the next request goes out on a socket being closed (ECONNRESET).
 */
export async function runTool(command: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout
}

export const htmlText = (html: string) => decodeEntities(html.replace(/<br>/g, ' ').replace(/<[^>]+>/g, ' '))

/** Markdown's backslash escapes removed. */
export const markdownText = (md: string) => md.replace(/\\([\\`*_{}[\]<>#|~.+-])/g, '$1').replace(/\\\n/g, ' ')

/** The lists a printed convention must hold, each in document order. */
export function printedLists(convention: Convention): Record<'fiche titles' | 'key actions' | 'signatories', string[]> {
  const lists = { 'fiche titles': [] as string[], 'key actions': [] as string[], signatories: [] as string[] }
  for (const block of convention.content) {
    if (block.type === 'ficheAction') {
      lists['fiche titles'].push(block.title)
      for (const action of block.keyActions) lists['key actions'].push(action.label)
    }
    if (block.type === 'signatoryBlock') for (const s of block.signatories) lists.signatories.push(s.name)
  }
  return lists
}

/** Each list's items appear in `text` in order (typography aside); a failure names the first item out of place. */
export function expectListsInOrder(text: string, convention: Convention, format: string) {
  const haystack = normalizeText(text)
  for (const [name, items] of Object.entries(printedLists(convention))) {
    expect(items.length, `${name} in the fixture`).toBeGreaterThan(0)
    let from = 0
    for (const item of items) {
      const at = haystack.indexOf(normalizeText(item), from)
      expect(at, `${format}: ${name} "${item}" missing or out of order`).toBeGreaterThanOrEqual(0)
      from = at + 1
    }
  }
}
