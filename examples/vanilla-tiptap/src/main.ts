import { ConventionKit, positionsOfType } from '@ctg/extensions'
import { HocuspocusProvider } from '@hocuspocus/provider'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as Y from 'yjs'
import { connectionFromQuery } from './connection.js'

const status = document.querySelector<HTMLElement>('#status')!
const connection = connectionFromQuery(location)

if (!connection) {
  status.textContent = 'Ajoutez ?convention=ID&token=JETON à l’adresse (voir le README).'
} else {
  const document_ = new Y.Doc()
  const provider = new HocuspocusProvider({
    url: connection.collabUrl,
    name: connection.conventionId,
    document: document_,
    token: connection.token,
    onAuthenticationFailed: ({ reason }) => (status.textContent = `Accès refusé : ${reason}`),
    onSynced: () => (status.textContent = 'Synchronisé'),
  })

  const editor = new Editor({
    element: document.querySelector<HTMLElement>('#editor')!,
    extensions: [
      // the convention's schema, headless; the fields show their labels through CSS (data-label)
      ConventionKit.configure({ starterKit: { trailingNode: false } }),
      Collaboration.configure({ document: provider.document }),
    ],
  })

  const period = { start: new Date().getFullYear(), end: new Date().getFullYear() + 4 }
  const insert: Record<string, () => boolean> = {
    ficheAction: () => editor.chain().focus().insertFicheAction({ period }).run(),
    indicatorTable: () => editor.chain().focus().insertIndicatorTable({ period }).run(),
    signatoryBlock: () => editor.chain().focus().insertSignatoryBlock().run(),
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-insert]')) {
    button.addEventListener('click', () => insert[button.dataset.insert!]?.())
  }
  editor.on('update', () => {
    const fiches = positionsOfType(editor.state.doc, 'ficheAction').length
    status.textContent = `Synchronisé — ${fiches} fiche(s) action`
  })
}
