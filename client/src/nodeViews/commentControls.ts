import { DISPLAY_CONTROL } from './readOnlyControls.js'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration } from '@tiptap/pm/view'
import { requestComment } from '../comments/commentEvents.js'
import { openThreadsFrom } from '../comments/CommentHighlights.js'
import { button, el, icon, uneditable } from './dom.js'

/**
 * "Commenter" on a block or entry, and the number of its open threads (a button that
 * shows them). Both stay usable on a read-only connection: a commentateur comments
 * there (the panel hides the form from a lecteur). `what` completes the names: "la fiche".
 */
export function commentControls(what: string, options: { compact?: boolean } = {}) {
  let blockId: string | null = null
  const add = button(
    options.compact ? '' : 'Commenter',
    () => blockId && requestComment(add, { action: 'comment-block', blockId }),
    {
      className: `block-button comment-button${options.compact ? ' comment-button--compact' : ''}`,
      testId: 'comment-block',
      ariaLabel: options.compact ? `Commenter ${what}` : undefined,
      title: `Commenter ${what}`,
    },
  )
  add.prepend(icon('comment'))
  add.dataset.commentControl = ''
  // commenting changes nothing in the document: the button stays for readers and commenters
  add.setAttribute(DISPLAY_CONTROL, '')
  const countText = el('span', {})
  const count = button('', () => blockId && requestComment(count, { action: 'show-block', blockId }), {
    className: 'comment-count',
    testId: 'comment-count',
  })
  count.append(countText)
  count.dataset.commentControl = ''
  count.setAttribute(DISPLAY_CONTROL, '')
  count.hidden = true
  const wrapper = uneditable('div', { class: 'comment-controls' }, count, add)

  return {
    element: wrapper,
    update(node: PMNode, decorations: readonly Decoration[]) {
      blockId = (node.attrs.id as string | null) ?? null
      const open = openThreadsFrom(decorations)
      count.hidden = open === 0
      countText.textContent = String(open)
      const label = `${open} ${open > 1 ? 'commentaires ouverts' : 'commentaire ouvert'} sur ${what}`
      count.setAttribute('aria-label', label)
      count.title = label
    },
  }
}
