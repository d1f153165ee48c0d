import { endSession } from '../auth/sessionEnd.js'
import { readSessionMark } from '../auth/sessionMark.js'
import { ApiError } from './ApiError.js'
import type {
  BinnedConvention,
  Role,
  AcceptInvitation,
  ActivityPage,
  AuthOptions,
  ConventionDetails,
  ConventionSummary,
  Invitation,
  Member,
  NewConventionRequest,
  NewMember,
  SignedIn,
  User,
} from '@ctg/shared'

/** `anonymous`: a public route, where a 401 is an answer (wrong password), not an ended session. */
type RequestOptions = RequestInit & { anonymous?: boolean }

export async function request(path: string, { anonymous = false, ...init }: RequestOptions = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  // the session is the HTTP-only cookie, sent with every same-origin request
  const mark = readSessionMark()
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  let response: Response
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas.')
  }
  if (response.status === 401 && !anonymous) {
    // an answer about a session replaced meanwhile (signed in again) says nothing of the new one
    if (mark !== null && mark === readSessionMark()) endSession('expired')
    throw new ApiError(401, 'unauthorized', 'Votre accès n’est plus valide.')
  }
  if (!response.ok) throw await errorFrom(response)
  return response
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; issues?: ApiError['issues']; retryAfter?: number }
    }
    const error = body.error ?? {}
    const retryAfter = error.retryAfter ?? (Number(response.headers.get('Retry-After')) || null)
    return new ApiError(
      response.status,
      error.code ?? 'error',
      error.message ?? '',
      error.issues ?? [],
      retryAfter,
      error as Record<string, unknown>,
    )
  } catch {
    return new ApiError(response.status, 'error', '', [], Number(response.headers.get('Retry-After')) || null)
  }
}

export async function json<T>(path: string, init?: RequestOptions): Promise<T> {
  return (await (await request(path, init)).json()) as T
}

export const api = {
  me: () => json<{ user: User }>('/api/me').then((r) => r.user),

  authOptions: () => json<AuthOptions>('/api/auth/options', { anonymous: true }),

  login: (email: string, password: string) =>
    json<SignedIn>('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }), anonymous: true }),

  /** Ends this session on the server: the token then gets 401 everywhere, its sockets close. */
  logout: () => request('/api/auth/logout', { method: 'POST' }).then(() => undefined),

  invitation: (code: string) =>
    json<{ invitation: Invitation }>(invitationUrl(code), { anonymous: true }).then((r) => r.invitation),

  acceptInvitation: (code: string, body: AcceptInvitation) =>
    json<SignedIn & { conventionId: string | null }>(`${invitationUrl(code)}/accept`, {
      method: 'POST',
      body: JSON.stringify(body),
      anonymous: true,
    }),

  listConventions: () => json<{ conventions: ConventionSummary[] }>('/api/conventions').then((r) => r.conventions),

  getConvention: (id: string) => json<ConventionDetails>(`/api/conventions/${encodeURIComponent(id)}`),

  createConvention: (body: NewConventionRequest) =>
    json<{ id: string }>('/api/conventions', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.id),

  /** The structured JSON of a convention, as a Blob ready to download. */
  exportConvention: async (id: string) =>
    (await request(`/api/conventions/${encodeURIComponent(id)}/export?format=json`)).blob(),

  /** Moves the convention to the bin (owners); its members lose it at once. */
  deleteConvention: (id: string) => request(conventionUrl(id), { method: 'DELETE' }).then(() => undefined),

  /** The binned conventions the person owns, each with the date it will be deleted for good. */
  listBin: () => json<{ conventions: BinnedConvention[]; retentionDays: number }>('/api/conventions?bin=1'),

  /** Takes it out of the bin (owners): everything is as before. */
  restoreConvention: (id: string) => json<ConventionSummary>(`${conventionUrl(id)}/restore`, { method: 'POST' }),

  listMembers: (id: string) => json<{ members: Member[] }>(`${conventionUrl(id)}/members`).then((r) => r.members),

  /** Gives a person a role on the convention; the answer holds their invitation link. */
  addMember: (id: string, member: NewMember) =>
    json<{ member: Member; link: string; hasAccount?: boolean }>(`${conventionUrl(id)}/members`, {
      method: 'POST',
      body: JSON.stringify(member),
    }),

  changeRole: (id: string, userId: string, role: Role) =>
    json<{ member: Member }>(`${conventionUrl(id)}/members/${encodeURIComponent(userId)}`, {
      method: 'PATCH',
      body: JSON.stringify({ role }),
    }),

  revokeMember: (id: string, userId: string) =>
    request(`${conventionUrl(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }).then(() => undefined),

  /** Who did what, newest first (owners only); `before` is the previous page's `next`. */
  activity: (id: string, before?: number, limit = 50) => {
    const query = new URLSearchParams({ limit: String(limit) })
    if (before !== undefined) query.set('before', String(before))
    return json<ActivityPage>(`${conventionUrl(id)}/activity?${query}`)
  },
}

export function conventionUrl(id: string) {
  return `/api/conventions/${encodeURIComponent(id)}`
}

function invitationUrl(code: string) {
  return `/api/invitations/${encodeURIComponent(code)}`
}
