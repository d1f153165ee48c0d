import { Mark, mergeAttributes } from '@tiptap/core'
import { COMMENT_MARK_NAME } from '@ctg/shared'

/**
 * The anchor of a commented passage: a mark holding the thread id. Headless: the server
 * (guard, converters, exports) and the client load it; the client adds its rendering.
 * Only the server writes it (through its own connection), so it has no command here.
 * Not inclusive: typing at the end of a passage does not extend the comment.
 */
export const Comment = Mark.create({
  name: COMMENT_MARK_NAME,
  inclusive: false,

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-thread-id'),
        renderHTML: (attrs: Record<string, unknown>) =>
          typeof attrs.threadId === 'string' ? { 'data-thread-id': attrs.threadId } : {},
      },
    }
  },

  parseHTML() {
    return [{ tag: 'span[data-comment]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ 'data-comment': '' }, HTMLAttributes), 0]
  },
})
