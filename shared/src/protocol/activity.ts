import type { Role } from '../access/roles.js'

/** What the activity log records (`GET /api/conventions/:id/activity`, owners only). */
export const ACTIVITY_ACTIONS = [
  'created',
  'opened',
  'changed',
  'shared',
  'role_changed',
  'revoked',
  'exported',
  'deleted',
  'restored',
  'comment_thread_created',
  'comment_replied',
  'comment_edited',
  'comment_deleted',
  'comment_thread_resolved',
  'comment_thread_reopened',
  'plenary_opened',
  'plenary_closed',
  'plenary_participant_excluded',
] as const
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number]

/**
 * A top-level block of the convention as the log names it, as data the client words: the
 * export's block type (`ficheAction`, `indicatorTable`, `signatoryBlock`, `planningTable` …,
 * or `text` for free text), with the number and title the export gives it.
 */
export interface ActivityBlock {
  type: string
  /** a fiche action's number */
  number?: number
  title?: string
  /** a signatory block: the organisations named so far */
  organisations?: string[]
}

/** The `detail` of each action. */
export interface ActivityDetails {
  created: Record<string, never>
  opened: Record<string, never>
  changed: { block: ActivityBlock }
  shared: { userId: string; name: string; email: string | null; role: Role }
  role_changed: { userId: string; name: string; from: Role; to: Role }
  revoked: { userId: string; name: string; role: Role }
  exported: { format: string }
  deleted: Record<string, never>
  restored: Record<string, never>
  comment_thread_created: { threadId: string; quote: string; blockId?: string }
  comment_replied: { threadId: string; messageId: string }
  comment_edited: { threadId: string; messageId: string }
  /** `moderated`: an owner deleted someone else's message */
  comment_deleted: { threadId: string; messageId: string; moderated?: true; authorName?: string }
  comment_thread_resolved: { threadId: string }
  comment_thread_reopened: { threadId: string }
  plenary_opened: { plenaryId: string; title: string }
  plenary_closed: { plenaryId: string; title: string }
  plenary_participant_excluded: { plenaryId: string; name: string }
}

/** An entry to record: who did what, with the detail its action carries. */
export type NewActivity = {
  [A in ActivityAction]: {
    conventionId: string
    userId: string | null
    userName: string | null
    action: A
  } & (ActivityDetails[A] extends Record<string, never>
    ? { detail?: ActivityDetails[A] }
    : { detail: ActivityDetails[A] })
}[ActivityAction]

/** One line of a convention's activity log. */
export type ActivityEntry = {
  [A in ActivityAction]: {
    seq: number
    conventionId: string
    /** ISO date */
    at: string
    userId: string | null
    userName: string | null
    action: A
    detail: ActivityDetails[A]
  }
}[ActivityAction]

/** `GET /api/conventions/:id/activity?before=&limit=` */
export interface ActivityPage {
  activity: ActivityEntry[]
  /** pass as `before` for older entries; null when there are none */
  next: number | null
}
