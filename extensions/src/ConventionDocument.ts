import Document from '@tiptap/extension-document'
import { DOCUMENT_CONTENT } from '@ctg/shared'

/** The document: free text (headings, paragraphs, lists) around the structured blocks. */
export const ConventionDocument = Document.extend({ content: DOCUMENT_CONTENT })
