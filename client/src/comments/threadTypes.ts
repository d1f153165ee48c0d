/** Threads as the API answers them: the types declared once in `@ctg/shared` (comments/). */
export type {
  AnchorRequest as NewThreadAnchor,
  CommentAuthor as ThreadAuthor,
  CommentMessage as ThreadMessage,
  CommentThread as Thread,
  ThreadAnchor,
  ThreadStatus,
} from '@ctg/shared'
