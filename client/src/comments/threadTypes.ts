/** Threads as the API answers them: the types declared once in `@ctg/shared` (comments/). */
export type {
  AnchorRequest as NewThreadAnchor,
  CommentMessage as ThreadMessage,
  CommentThread as Thread,
  ThreadStatus,
} from '@ctg/shared'
