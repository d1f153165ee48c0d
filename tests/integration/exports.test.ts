import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { createConvention } from '../helpers/createConvention.js'
import { descendantThreads } from '../helpers/descendantThreads.js'
import {
  docxText,
  expectListsInOrder,
  htmlText,
  markdownText,
  normalizeText,
  odtText,
  pdfText,
  runTool,
  zipEntryText,
} from '../helpers/exportReaders.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

/** Where the produced files and the PDF's pages are left for a person to look at. */
const OUTPUT = join(import.meta.dirname, '..', 'output', 'exports')
const TITLE = exportConvention().title
const SLUG = 'convention-territoriale-globale-de-provence-alpes-agglomeration-2026-2030'
const ENCODED = encodeURIComponent(TITLE)

let server: TestServer
let id: string
const files = new Map<ExportFormat, Uint8Array>()

beforeAll(async () => {
  rmSync(OUTPUT, { recursive: true, force: true })
  mkdirSync(OUTPUT, { recursive: true })
  server = await startTestServer()
  id = await createConvention(server, exportConvention())
})
afterAll(async () => {
  await server?.stop()
})

async function download(path: string): Promise<{ response: Response; bytes: Uint8Array }> {
  // no retry: the readers run async (exportReaders), so the in-process server closes idle sockets in time
  const response = await server.api(path)
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
}

describe('exports of the convention (6 fiches, 2 indicator tables, 2 planning tables, 13 signatories)', () => {
  it('serves every format with its Content-Type and an attachment named after the title', async () => {
    for (const format of EXPORT_FORMATS) {
      const { response, bytes } = await download(`/api/conventions/${id}/export?format=${format}`)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-type'), format).toBe(EXPORT_FORMAT_INFO[format].contentType)
      const ext = EXPORT_FORMAT_INFO[format].extension
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${SLUG}.${ext}"; filename*=UTF-8''${ENCODED}.${ext}`,
      )
      expect(bytes.length, format).toBeGreaterThan(1000)
      files.set(format, bytes)
      writeFileSync(join(OUTPUT, `convention.${ext}`), bytes)
    }
    expect(new TextDecoder().decode(files.get('pdf')!.slice(0, 5))).toBe('%PDF-')
    // DOCX and ODT are ZIP packages; ODF's mimetype comes first, stored
    expect(zipEntryText(files.get('odt')!, 'mimetype')).toBe('application/vnd.oasis.opendocument.text')
    expect(new TextDecoder().decode(files.get('odt')!.slice(30, 38))).toBe('mimetype')
  }, 120_000)

  it('each format holds every fiche title, key action and signatory, each list in document order', async () => {
    const convention = exportConvention()
    const texts: Record<Exclude<ExportFormat, 'json'>, string> = {
      docx: docxText(files.get('docx')!),
      odt: odtText(files.get('odt')!),
      pdf: await pdfText(join(OUTPUT, 'convention.pdf')),
      html: htmlText(new TextDecoder().decode(files.get('html')!)),
      md: markdownText(new TextDecoder().decode(files.get('md')!)),
    }
    for (const [format, text] of Object.entries(texts)) {
      expectListsInOrder(text, convention, format)
      const flat = normalizeText(text)
      // version 2: the parties, the territory's communes, both planning tables
      for (const expected of [
        'Caisse d’allocations familiales des Alpes-de-Haute-Provence',
        'Château-Arnoux-Saint-Auban',
        '04205',
        'Offre d’accueil du jeune enfant',
        'Accueils de loisirs et jeunesse',
        'Places en ALSH extrascolaire',
      ])
        expect(flat, `${format}: ${expected}`).toContain(expected)
    }
  })

  it('keeps the formatting and applies French typography', () => {
    const docx = zipEntryText(files.get('docx')!, 'word/document.xml')
    expect(docx).toMatch(/<w:b\/>(?:<w:bCs\/>)?[^]*?prend la suite/)
    const rels = zipEntryText(files.get('docx')!, 'word/_rels/document.xml.rels')
    expect(rels).toContain('https://www.caf.fr/ctg')
    const odt = zipEntryText(files.get('odt')!, 'content.xml')
    expect(odt).toContain('<text:span text:style-name="TBold">prend la suite</text:span>')
    expect(odt).toContain('xlink:href="https://www.caf.fr/ctg"')
    const html = new TextDecoder().decode(files.get('html')!)
    expect(html).toContain('<strong>prend la suite</strong>')
    expect(html).toContain('<a href="https://www.caf.fr/ctg"><em>guide CTG</em></a>')
    expect(new TextDecoder().decode(files.get('md')!)).toContain('**prend la suite**')
    // a non-breaking space before the colon, inside guillemets
    expect(html).toContain('Vu\u00a0:')
    expect(html).toContain('«\u00a0la Caf\u00a0»')
  })

  it('lays the PDF out as a convention: title page, framed fiches, landscape tables, page N / M', async () => {
    const file = join(OUTPUT, 'convention.pdf')
    const info = await runTool('pdfinfo', ['-f', '1', '-l', '999', file])
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
    expect(pages).toBeGreaterThan(8)
    // wide tables (5 years: 15 columns) on landscape pages, the rest portrait
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(([, w, h]) => Number(w) > Number(h))
    expect(sizes.filter(Boolean).length).toBeGreaterThanOrEqual(4)
    expect(sizes[0]).toBe(false)
    const texts = await Promise.all(
      Array.from({ length: pages }, async (_, i) => normalizeText(await pdfText(file, i + 1))),
    )
    expect(texts[0]).toContain('CONVENTION TERRITORIALE GLOBALE')
    texts.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`page ${i + 1} / ${pages}`))
    // the PNG pages for people to look at, and the four named ones
    await runTool('pdftoppm', ['-r', '60', '-png', file, join(OUTPUT, 'pdf-page')])
    expect(readdirSync(OUTPUT).filter((f) => f.startsWith('pdf-page')).length).toBe(pages)
    const find = (what: string, test: (text: string, landscape: boolean) => boolean) => {
      const index = texts.findIndex((text, i) => test(text, sizes[i]!))
      expect(index, what).toBeGreaterThanOrEqual(0)
      return index + 1
    }
    const named = {
      first: 1,
      fiche: find('a fiche page', (t) => t.includes('FICHE ACTION N° 2')),
      table: find('a table page', (t, landscape) => landscape && t.includes('Tableau d’indicateurs')),
      signatures: find('the signature page', (t) => t.includes('Signatures') && t.includes('Laurent Martinet')),
    }
    const digits = String(pages).length
    for (const [name, page] of Object.entries(named)) {
      const source = join(OUTPUT, `pdf-page-${String(page).padStart(digits, '0')}.png`)
      copyFileSync(source, join(OUTPUT, `pdf-${name}-page.png`))
    }
  })

  it('makes documents in a process whose every thread, and its Chromium, runs at nice 10 or more', async () => {
    // the export process lowers all of its threads (V8's garbage collection and compilation
    // included) before loading anything; Chromium sets its threads' nice values itself (0, and -8
    // for its display threads), which run as root it could, and took the cores from the
    // collaboration loop while printing
    const { response } = await download(`/api/conventions/${id}/export?format=pdf`)
    expect(response.status).toBe(200)
    // the process and its browser are kept between documents
    const threads = descendantThreads()
    const exporter = threads.filter((thread) => thread.name === 'ctg-export')
    expect(new Set(exporter.map((thread) => thread.pid)).size).toBe(1)
    const chromium = threads.filter((thread) => thread.name.startsWith('chrom'))
    expect(chromium.length).toBeGreaterThan(0)
    expect([...exporter, ...chromium].filter((thread) => thread.nice < 10)).toEqual([])
    // in a session of its own: where Linux schedules by session (autogroup), the export's CPU
    // time is then not taken from the server's group
    if (existsSync('/proc/self/autogroup')) {
      const own = readFileSync('/proc/self/autogroup', 'utf8')
      expect(readFileSync(`/proc/${exporter[0]!.pid}/autogroup`, 'utf8')).not.toBe(own)
    }
  }, 120_000)

  it('refuses an unknown format, and answers 404 for a stranger, an unknown convention or version', async () => {
    for (const path of [
      `/api/conventions/${id}/export?format=rtf`,
      `/api/conventions/${id}/versions/v-x/export?format=xlsx`,
    ]) {
      const response = await server.api(path)
      expect(response.status, path).toBe(400)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_format')
    }
    const stranger = await server.token({ id: 'u-stranger', name: 'Inconnu' })
    const status = async (path: string, token?: string | null) => {
      const response = await server.api(path, token === undefined ? {} : { token })
      return `${response.status} ${response.status >= 400 ? await response.text() : ''}`.trim()
    }
    expect(await status(`/api/conventions/${id}/export?format=pdf`, stranger)).toMatch(/^404 /)
    expect(await status('/api/conventions/c-none/export?format=docx')).toMatch(/^404 /)
    expect(await status(`/api/conventions/${id}/versions/v-none/export?format=odt`)).toMatch(/^404 /)
    expect(await status(`/api/conventions/${id}/export?format=pdf`, null)).toMatch(/^401 /)
  })

  it('exports a version as recorded: its JSON byte for byte, its documents dated by its createdAt', async () => {
    const created = await server.api(`/api/conventions/${id}/versions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Pour le conseil' }),
    })
    const { version } = (await created.json()) as { version: { id: string; createdAt: string; sha256: string } }
    const json = await download(`/api/conventions/${id}/versions/${version.id}/export?format=json`)
    expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const { createHash } = await import('node:crypto')
    expect(createHash('sha256').update(json.bytes).digest('hex')).toBe(version.sha256)
    const pdf = await download(`/api/conventions/${id}/versions/${version.id}/export?format=pdf`)
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.response.headers.get('content-disposition')).toContain(`filename="${SLUG}.pdf"`)
    const file = join(OUTPUT, 'version.pdf')
    writeFileSync(file, pdf.bytes)
    const info = await runTool('pdfinfo', ['-isodates', file])
    expect(info).toMatch(new RegExp(`CreationDate:\\s+${version.createdAt.slice(0, 19)}`))
    expect(normalizeText(await pdfText(file))).toContain(`SHA-256 ${version.sha256.slice(0, 16)}`)
    const again = await download(`/api/conventions/${id}/versions/${version.id}/export?format=pdf`)
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(pdf.bytes))).toBe(0)
    const docx = await download(`/api/conventions/${id}/versions/${version.id}/export?format=docx`)
    expect(zipEntryText(docx.bytes, 'docProps/core.xml')).toContain(
      `${version.createdAt.slice(0, 19)}Z</dcterms:created>`,
    )
    const odt = await download(`/api/conventions/${id}/versions/${version.id}/export?format=odt`)
    expect(zipEntryText(odt.bytes, 'meta.xml')).toContain(
      `<meta:creation-date>${version.createdAt.replace(/Z$/, '')}</meta:creation-date>`,
    )
  }, 60_000)

  it('exports the same version to the same bytes in every format, run after run', async () => {
    const created = await server.api(`/api/conventions/${id}/versions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Deux fois la même' }),
    })
    expect(created.status).toBe(201)
    const { version } = (await created.json()) as { version: { id: string } }
    for (const format of EXPORT_FORMATS) {
      const path = `/api/conventions/${id}/versions/${version.id}/export?format=${format}`
      const first = await download(path)
      const second = await download(path)
      expect(first.response.status, format).toBe(200)
      expect(first.bytes.length, format).toBeGreaterThan(1000)
      if (Buffer.compare(Buffer.from(first.bytes), Buffer.from(second.bytes)) !== 0) {
        const ext = EXPORT_FORMAT_INFO[format].extension
        writeFileSync(join(OUTPUT, `twice-1.${ext}`), first.bytes)
        writeFileSync(join(OUTPUT, `twice-2.${ext}`), second.bytes)
      }
      expect(Buffer.compare(Buffer.from(first.bytes), Buffer.from(second.bytes)), `${format} differs`).toBe(0)
    }
  }, 120_000)

  it('exports an avenant (numbered as the text it amends) in every document format', async () => {
    const step = await server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(step.status).toBe(200)
    const created = await server.api(`/api/conventions/${id}/avenants`, { method: 'POST' })
    expect(created.status).toBe(201)
    const { id: avenant } = (await created.json()) as { id: string }
    for (const format of ['docx', 'odt', 'html', 'md'] as const) {
      const { response, bytes } = await download(`/api/conventions/${avenant}/export?format=${format}`)
      expect(response.status, format).toBe(200)
      expect(bytes.length, format).toBeGreaterThan(1000)
    }
    const md = new TextDecoder().decode((await download(`/api/conventions/${avenant}/export?format=md`)).bytes)
    expect(md).toContain('Avenant n°1 à')
  }, 60_000)
})
