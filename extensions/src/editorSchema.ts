import { getSchema } from '@tiptap/core'
import { ConventionKit } from './convention-kit/index.js'

/** The ProseMirror schema of a convention, built headlessly (no DOM needed). */
export const editorSchema = getSchema([ConventionKit])
