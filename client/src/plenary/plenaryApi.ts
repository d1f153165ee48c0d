import { json, request } from '../api/apiClient.js'
import type {
  CommentAnchor,
  Joined,
  ParticipantState,
  NewPlenary,
  Plenary,
  PlenaryDetails,
  PublicPlenary,
  SupportsAnswer,
} from './plenaryTypes.js'

const conventionPlenaries = (conventionId: string) => `/api/conventions/${encodeURIComponent(conventionId)}/plenaries`
const facilitated = (conventionId: string, plenaryId: string) =>
  `${conventionPlenaries(conventionId)}/${encodeURIComponent(plenaryId)}`
const byCode = (code: string) => `/api/plenaries/${encodeURIComponent(code)}`

/** `supports` may come as ids or as `{ blockId }` rows: the client keeps ids. */
function supportIds(supports: unknown): string[] {
  if (!Array.isArray(supports)) return []
  return supports
    .map((s: unknown) => (typeof s === 'string' ? s : (s as { blockId?: unknown } | null)?.blockId))
    .filter((s): s is string => typeof s === 'string')
}

/** Facilitators' routes: the person's session cookie. */
export const plenaryApi = {
  list: (conventionId: string) =>
    json<{ plenaries: Plenary[] }>(conventionPlenaries(conventionId)).then((r) => r.plenaries),

  open: (conventionId: string, body: NewPlenary) =>
    json<{ plenary: Plenary }>(conventionPlenaries(conventionId), {
      method: 'POST',
      body: JSON.stringify(body),
    }).then((r) => r.plenary),

  details: (conventionId: string, plenaryId: string) => json<PlenaryDetails>(facilitated(conventionId, plenaryId)),

  setCommentHidden: (conventionId: string, plenaryId: string, threadId: string, hidden: boolean) =>
    request(`${facilitated(conventionId, plenaryId)}/comments/${encodeURIComponent(threadId)}`, {
      method: 'PATCH',
      body: JSON.stringify({ hidden }),
    }).then(() => undefined),

  exclude: (conventionId: string, plenaryId: string, participantId: string) =>
    request(`${facilitated(conventionId, plenaryId)}/participants/${encodeURIComponent(participantId)}`, {
      method: 'DELETE',
    }).then(() => undefined),

  close: (conventionId: string, plenaryId: string) =>
    json<{ plenary: Plenary }>(`${facilitated(conventionId, plenaryId)}/close`, { method: 'POST' }).then(
      (r) => r.plenary,
    ),

  /** Writes the ranking into the fiches as their priority (rédacteurs, owners). */
  writePriorities: (conventionId: string, plenaryId: string) =>
    json<{ priorities: { blockId: string; priority: number | null }[] }>(
      `${facilitated(conventionId, plenaryId)}/priorities`,
      { method: 'POST', body: '{}' },
    ).then((r) => r.priorities),
}

/**
 * Participants' routes: public, or the participant's HTTP-only cookie. Always
 * `anonymous`: a 401 here means this participant was excluded, not that a signed-in
 * person's session ended.
 */
export const participantApi = {
  plenary: (code: string) => json<{ plenary: PublicPlenary }>(byCode(code), { anonymous: true }).then((r) => r.plenary),

  join: (code: string, name: string) =>
    json<Joined>(`${byCode(code)}/join`, { method: 'POST', body: JSON.stringify({ name }), anonymous: true }),

  /** Who this browser's participant cookie is, with their supports: 401 without one (or excluded), 410 once closed. */
  me: (code: string) => json<ParticipantState>(`${byCode(code)}/me`, { anonymous: true }),

  comment: (code: string, anchor: CommentAnchor, body: string) =>
    json<{ thread: { id: string } }>(`${byCode(code)}/comments`, {
      method: 'POST',
      body: JSON.stringify({ anchor, body }),
      anonymous: true,
    }),

  setSupports: async (code: string, blockIds: string[]): Promise<SupportsAnswer> => {
    const answer = await json<{ supports: unknown; remaining: number }>(`${byCode(code)}/supports`, {
      method: 'PUT',
      body: JSON.stringify({ blockIds }),
      anonymous: true,
    })
    return { supports: supportIds(answer.supports), remaining: answer.remaining }
  },
}
