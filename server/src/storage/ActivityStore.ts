export type ActivityAction =
  | 'created'
  | 'opened'
  | 'changed'
  | 'shared'
  | 'role_changed'
  | 'revoked'
  | 'exported'
  | 'deleted'
  | 'restored'
  | 'comment_thread_created'
  | 'comment_replied'
  | 'comment_edited'
  | 'comment_deleted'
  | 'comment_thread_resolved'
  | 'comment_thread_reopened'
  | 'plenary_opened'
  | 'plenary_closed'
  | 'plenary_participant_excluded'

export interface NewActivity {
  conventionId: string
  userId: string | null
  userName: string | null
  action: ActivityAction
  detail?: Record<string, unknown>
}

export interface ActivityEntry extends NewActivity {
  seq: number
  at: string
  detail: Record<string, unknown>
}

/**
 * Who did what on a convention. Append-only: there is no update or delete here, and a
 * trigger in either engine refuses them.
 */
export interface ActivityStore {
  append(entry: NewActivity): Promise<void>
  /** newest first, entries with seq < `before` when given */
  list(conventionId: string, options: { before?: number; limit: number }): Promise<ActivityEntry[]>
}
