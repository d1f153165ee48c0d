import type { Editor } from '@tiptap/core'
import type { GetPos } from './nodeViewHelpers.js'
import { setNodeAttrs } from './nodeViewHelpers.js'
import { referenceSelect } from './referenceSelect.js'

/** The party or commune a table belongs to (early-childhood plans are often per authority). */
export function tableOwnerSelect(editor: Editor, getPos: GetPos) {
  return referenceSelect(
    editor,
    'Tableau de',
    ['party', 'commune'],
    (id) => setNodeAttrs(editor, getPos, { ownerId: id }),
    { empty: 'Toute la convention', className: 'ctg-control--inline table-owner', testId: 'table-owner' },
  )
}
