/** What the editor's parts (node views, highlights) ask of the comments panel, as a bubbling DOM event. */
export const COMMENT_EVENT = 'ctg-comment'

export type CommentRequest =
  /** "Commenter" on a block or entry */
  | { action: 'comment-block'; blockId: string }
  /** its counter of open threads */
  | { action: 'show-block'; blockId: string }
  /** Ctrl+Alt+M: comment on the selected passage */
  | { action: 'comment-selection' }
  /** a click on a highlighted passage */
  | { action: 'open-thread'; threadId: string }

export function requestComment(from: EventTarget, request: CommentRequest): void {
  from.dispatchEvent(new CustomEvent<CommentRequest>(COMMENT_EVENT, { bubbles: true, detail: request }))
}
