import type { ActivityEntry, NewActivity } from '@ctg/shared'

// the entries are declared with the HTTP API's types (shared/src/protocol/activity.ts)
export type { ActivityAction, ActivityEntry, NewActivity } from '@ctg/shared'

/**
 * Who did what on a convention. Append-only: there is no update or delete here, and a
 * trigger in either engine refuses them.
 */
export interface ActivityStore {
  append(entry: NewActivity): Promise<void>
  /** newest first, entries with seq < `before` when given */
  list(conventionId: string, options: { before?: number; limit: number }): Promise<ActivityEntry[]>
}
