import type { Role } from '@ctg/shared'
import { clearToken, readToken } from '../auth/token.js'
import { ApiError } from './ApiError.js'
import type { ConventionDetails, ConventionSummary, Member, NewConventionRequest, NewMember, User } from './types.js'

const unauthorized = new EventTarget()

/** Called when the server refuses the token: the app then shows the "Accès réservé" page. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorized.addEventListener('unauthorized', listener)
  return () => unauthorized.removeEventListener('unauthorized', listener)
}

export function signalUnauthorized(): void {
  clearToken()
  unauthorized.dispatchEvent(new Event('unauthorized'))
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const token = readToken()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas.')
  }
  if (response.status === 401) {
    signalUnauthorized()
    throw new ApiError(401, 'unauthorized', 'Votre accès n’est plus valide.')
  }
  if (!response.ok) throw await errorFrom(response)
  return response
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; issues?: ApiError['issues'] } }
    const error = body.error ?? {}
    return new ApiError(response.status, error.code ?? 'error', error.message ?? '', error.issues ?? [])
  } catch {
    return new ApiError(response.status, 'error', '')
  }
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T
}

export const api = {
  me: () => json<{ user: User }>('/api/me').then((r) => r.user),

  listConventions: () => json<{ conventions: ConventionSummary[] }>('/api/conventions').then((r) => r.conventions),

  getConvention: (id: string) => json<ConventionDetails>(`/api/conventions/${encodeURIComponent(id)}`),

  createConvention: (body: NewConventionRequest) =>
    json<{ id: string }>('/api/conventions', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.id),

  /** The structured JSON of a convention, as a Blob ready to download. */
  exportConvention: async (id: string) =>
    (await request(`/api/conventions/${encodeURIComponent(id)}/export?format=json`)).blob(),

  listMembers: (id: string) => json<{ members: Member[] }>(`${conventionUrl(id)}/members`).then((r) => r.members),

  /** Gives a person a role on the convention; the answer holds their invitation link. */
  addMember: (id: string, member: NewMember) =>
    json<{ member: Member; link: string }>(`${conventionUrl(id)}/members`, {
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
}

function conventionUrl(id: string) {
  return `/api/conventions/${encodeURIComponent(id)}`
}
