import type { AnyExtension } from '@tiptap/core'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { Period } from '@ctg/shared'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import Placeholder from '@tiptap/extension-placeholder'
import { CommentHighlights } from '../comments/CommentHighlights.js'
import { ActiveField } from './ActiveField.js'
import { BlockNumbering } from './BlockNumbering.js'
import { ClickBelowContent } from './ClickBelowContent.js'
import { clientConventionKit } from './clientConventionKit.js'
import { collaboratorCaret } from './collaboratorCaret.js'
import { ControlTabbing } from './plugins/ControlTabbing.js'
import { FieldNavigation } from './FieldNavigation.js'
import { LongDocument } from './LongDocument.js'
import { BlockDrag } from './plugins/BlockDrag.js'
import { BlockRemovalGuard } from './plugins/BlockRemovalGuard.js'
import { DomSelectionSync } from './plugins/DomSelectionSync.js'
import { SelectionScope } from './plugins/SelectionScope.js'
import { ReadOnlyGuard } from './plugins/ReadOnlyGuard.js'
import { SlashCommand } from './SlashCommand.js'

export interface CollaboratorUser {
  id: string
  name: string
  color: string
}

interface EditorExtensionsOptions {
  provider: HocuspocusProvider
  user: CollaboratorUser
  getPeriod: () => Period
}

/** Every extension of the convention editor, in one place. */
export function editorExtensions({ provider, user, getPeriod }: EditorExtensionsOptions): AnyExtension[] {
  return [
    clientConventionKit(),
    Collaboration.configure({ document: provider.document }),
    CollaborationCaret.configure({ provider, user, render: collaboratorCaret }),
    // free text only: the fields of the blocks show their own hints (see fieldNodeView)
    Placeholder.configure({
      placeholder: ({ node, editor }) => {
        if (node.type.name === 'heading') return 'Titre'
        if (editor.isEmpty) return 'Commencez la rédaction de la convention…'
        return 'Saisissez du texte, ou tapez « / » pour insérer un bloc'
      },
    }),
    BlockNumbering,
    ActiveField,
    LongDocument,
    ClickBelowContent,
    FieldNavigation,
    DomSelectionSync,
    SelectionScope,
    BlockRemovalGuard,
    BlockDrag,
    ControlTabbing,
    SlashCommand.configure({ getPeriod }),
    ReadOnlyGuard,
    CommentHighlights,
  ]
}
