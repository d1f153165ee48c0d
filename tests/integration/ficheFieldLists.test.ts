import { editorSchema, positionsOfType } from '@ctg/extensions'
import {
  conventionModel,
  validateEditorJson,
  yDocToEditorJson,
  type Convention,
  type FicheActionBlock,
} from '@ctg/shared'
import type { Editor } from '@tiptap/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EditorPeer } from '../fuzz/EditorPeer.js'
import { installDom } from '../fuzz/installDom.js'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { editorsAgree, servedDoc } from '../helpers/editorsAgree.js'
import { docxText, htmlText, markdownText, normalizeText, odtText, pdfText, runTool } from '../helpers/exportReaders.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

/** Where the documents are left for a person to look at. */
const OUTPUT = join(import.meta.dirname, '..', 'output', 'fiche-field-lists')

let server: TestServer
beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true })
  installDom()
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

const fieldPos = (editor: Editor, name: string) => positionsOfType(editor.state.doc, name)[0]!
const field = (editor: Editor, name: string) => editor.state.doc.nodeAt(fieldPos(editor, name))!

/** The end of the text of the field's last paragraph (field > paragraph > text). */
const endOfField = (editor: Editor, name: string) => fieldPos(editor, name) + field(editor, name).nodeSize - 2

/**
 * What a person does in the editor: a new paragraph at the end of the field, the list button,
 * an item, Enter, another item (the same commands as the toolbar and the keyboard).
 */
function typeList(editor: Editor, name: string, ordered: boolean, items: string[]) {
  const chain = editor.chain().setTextSelection(endOfField(editor, name)).splitBlock()
  ;(ordered ? chain.toggleOrderedList() : chain.toggleBulletList()).run()
  items.forEach((item, i) => {
    if (i > 0) editor.commands.splitListItem('listItem')
    editor.commands.insertContent(item)
  })
}

async function settle(...peers: EditorPeer[]) {
  await waitFor(() => {
    peers.forEach((p) => p.deliverAll())
    return peers.every((p) => p.settled)
  }, 'the peers settle')
}

/** A format's export as text (DOCX, ODT and PDF: their text, white space normalized), its file kept in OUTPUT. */
async function exported(id: string, format: string): Promise<string> {
  const response = await server.api(`/api/conventions/${id}/export?format=${format}`)
  expect(response.status, format).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  const file = join(OUTPUT, `convention.${format}`)
  writeFileSync(file, bytes)
  if (format === 'docx') return normalizeText(docxText(bytes))
  if (format === 'odt') return normalizeText(odtText(bytes))
  if (format === 'pdf') return normalizeText(await pdfText(file))
  return new TextDecoder().decode(bytes)
}

const firstFiche = (c: Convention) => c.content.find((b): b is FicheActionBlock => b.type === 'ficheAction')!

describe("lists in a fiche's fields of paragraphs, through a real editor and the server", () => {
  it('the server keeps a bullet list typed into the objective, and every export shows it', async () => {
    const id = await createConvention(server, smallConvention())
    const a = await EditorPeer.connect('A', server.wsUrl, id, await server.token())
    try {
      typeList(a.editor, 'ficheObjective', false, ['Crèches', 'Relais petite enfance'])
      typeList(a.editor, 'ficheExpectedResult', true, ['Ouvrir un RPE', 'Publier le guide'])
      expect(field(a.editor, 'ficheObjective').lastChild!.type.name).toBe('bulletList')
      await settle(a)
      expect(a.closes).toEqual([])
      const served = server.ctg.server.hocuspocus.documents.get(id)!
      expect(validateEditorJson(editorSchema, yDocToEditorJson(served))).toEqual([])

      const json = JSON.parse(await exported(id, 'json')) as Convention
      expect(conventionModel.safeParse(json).error?.issues).toBeUndefined()
      const fiche = firstFiche(json)
      const objectiveBefore = firstFiche(smallConvention()).objective
      expect(fiche.objective).toBe(`${objectiveBefore}\n\nCrèches\n\nRelais petite enfance`)
      expect(fiche.rich?.objective?.at(-1)).toEqual({
        type: 'list',
        ordered: false,
        items: [{ text: 'Crèches' }, { text: 'Relais petite enfance' }],
      })
      expect(fiche.rich?.expectedResult?.at(-1)).toEqual({
        type: 'list',
        ordered: true,
        items: [{ text: 'Ouvrir un RPE' }, { text: 'Publier le guide' }],
      })

      // the documents for people: a real list, inside the fiche's sheet
      const md = markdownText(await exported(id, 'md'))
      expect(md).toMatch(/\*\*Objectif\*\*\u00a0:[\s\S]*\n- Crèches\n- Relais petite enfance\n/)
      expect(md).toMatch(/\n1\. Ouvrir un RPE\n2\. Publier le guide\n/)
      const html = await exported(id, 'html')
      expect(html).toMatch(
        /<dt>Objectif<\/dt><dd>[\s\S]*?<ul><li>Crèches<\/li><li>Relais petite enfance<\/li><\/ul><\/dd>/,
      )
      expect(html).toMatch(/<dt>Résultat attendu<\/dt><dd>[\s\S]*?<ol><li>Ouvrir un RPE<\/li>/)
      expect(normalizeText(htmlText(html))).toContain('Crèches Relais petite enfance')
      for (const format of ['docx', 'odt', 'pdf']) {
        const text = await exported(id, format)
        expect(text, format).toContain('Crèches Relais petite enfance')
        // the PDF's numbers are text (Chromium's list markers); DOCX and ODT number through their list styles
        expect(text, format).toContain(
          format === 'pdf' ? '1. Ouvrir un RPE 2. Publier le guide' : 'Ouvrir un RPE Publier le guide',
        )
      }

      await runTool('pdftoppm', [
        '-r',
        '70',
        '-png',
        '-f',
        '2',
        '-l',
        '2',
        join(OUTPUT, 'convention.pdf'),
        join(OUTPUT, 'pdf'),
      ])

      // and the import brings the lists back: export → import → export is the same
      const copy = await createConvention(server, json)
      const again = JSON.parse(await exported(copy, 'json')) as Convention
      expect(firstFiche(again)).toEqual(fiche)
    } finally {
      a.destroy()
    }
  })

  it('two people empty the same list at once: the server repairs it, nobody is refused, the fiche stays', async () => {
    const id = await createConvention(server, smallConvention())
    const token = await server.token()
    const a = await EditorPeer.connect('A', server.wsUrl, id, token)
    const b = await EditorPeer.connect('B', server.wsUrl, id, token)
    try {
      typeList(a.editor, 'ficheObjective', false, ['un', 'deux'])
      await settle(a, b)
      const list = (editor: Editor) => field(editor, 'ficheObjective').lastChild!
      expect(list(b.editor).childCount).toBe(2)

      // A deletes the first item, B the second, before either hears of the other
      const listPos = (editor: Editor) => endOfField(editor, 'ficheObjective') + 2 - list(editor).nodeSize
      const first = list(a.editor).child(0).nodeSize
      a.editor.view.dispatch(a.editor.state.tr.delete(listPos(a.editor) + 1, listPos(a.editor) + 1 + first))
      const second = listPos(b.editor) + 1 + list(b.editor).child(0).nodeSize
      b.editor.view.dispatch(b.editor.state.tr.delete(second, second + list(b.editor).child(1).nodeSize))
      a.deliverUp()
      await waitFor(() => b.heldDown > 0, "A's deletion reaches B's link")
      b.deliverDown()

      await editorsAgree(server, id, [a, b])
      expect([...a.closes, ...b.closes]).toEqual([])
      expect(validateEditorJson(editorSchema, servedDoc(server, id).toJSON())).toEqual([])
      expect(positionsOfType(a.editor.state.doc, 'ficheAction')).toHaveLength(1)
      // the objective kept its first paragraph; the export of what the server holds is valid
      const json = JSON.parse(await exported(id, 'json')) as Convention
      expect(conventionModel.safeParse(json).success).toBe(true)
      expect(firstFiche(json).objective.startsWith(firstFiche(smallConvention()).objective)).toBe(true)
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
