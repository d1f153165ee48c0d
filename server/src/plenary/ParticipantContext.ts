import type { Connection } from '@hocuspocus/server'

/** A participant's `/collab` connection: no `user`, so no awareness, no activity, no member lookup. */
export interface ParticipantConnectionContext {
  role: null
  participant: { id: string; name: string; plenaryId: string; conventionId: string; endsAt: string }
}

export function participantOf(connection: Connection): ParticipantConnectionContext['participant'] | undefined {
  return (connection.context as Partial<ParticipantConnectionContext> | undefined)?.participant
}
