import { positionsOfType } from '@ctg/extensions'
import type { Editor } from '@tiptap/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EditorPeer } from '../fuzz/EditorPeer.js'
import { installDom } from '../fuzz/installDom.js'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { editorsAgree } from '../helpers/editorsAgree.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let server: TestServer
beforeAll(async () => {
  installDom()
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

const objectivePos = (editor: Editor) => positionsOfType(editor.state.doc, 'ficheObjective')[0]!
const objective = (editor: Editor) => editor.state.doc.nodeAt(objectivePos(editor))!
const ficheIds = (editor: Editor) =>
  positionsOfType(editor.state.doc, 'ficheAction').map((pos) => editor.state.doc.nodeAt(pos)!.attrs.id as string)

describe('two people delete the last paragraphs of a field at once', () => {
  it('the fiche stays in every editor (real binding), and the server gives the field its paragraph back', async () => {
    const id = await createConvention(server, twoOfEachKindConvention())
    const token = await server.token()
    const a = await EditorPeer.connect('A', server.wsUrl, id, token)
    const b = await EditorPeer.connect('B', server.wsUrl, id, token)
    try {
      const fiches = ficheIds(a.editor)
      // the objective in two paragraphs, seen by both
      a.editor.view.dispatch(a.editor.state.tr.split(objectivePos(a.editor) + 3))
      await waitFor(() => {
        a.deliverAll()
        b.deliverAll()
        return a.settled && b.settled && objective(b.editor).childCount === 2
      }, 'both see two paragraphs')

      // A deletes the first, B the second, before either hears of the other
      const first = objective(a.editor).child(0).nodeSize
      a.editor.view.dispatch(a.editor.state.tr.delete(objectivePos(a.editor) + 1, objectivePos(a.editor) + 1 + first))
      const at = objectivePos(b.editor) + 1 + objective(b.editor).child(0).nodeSize
      b.editor.view.dispatch(b.editor.state.tr.delete(at, at + objective(b.editor).child(1).nodeSize))
      expect(objective(a.editor).childCount).toBe(1)
      expect(objective(b.editor).childCount).toBe(1)
      // A's deletion reaches B's editor while B's own is still on its way: B's field is empty
      a.deliverUp()
      await waitFor(() => b.heldDown > 0, "A's deletion reaches B's link")
      b.deliverDown()
      expect(objective(b.editor).childCount).toBe(0)
      expect(ficheIds(b.editor)).toEqual(fiches)

      await editorsAgree(server, id, [a, b])
      // with `paragraph+` the emptied field was invalid: y-prosemirror deleted it, then the fiche
      expect(ficheIds(a.editor)).toEqual(fiches)
      expect(ficheIds(b.editor)).toEqual(fiches)
      expect(objective(a.editor).toJSON()).toEqual({ type: 'ficheObjective', content: [{ type: 'paragraph' }] })
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
