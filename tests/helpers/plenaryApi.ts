import { joinPlenaryResponseSchema, plenaryResponseSchema, type JoinPlenaryResponse, type Plenary } from '@ctg/shared'

/** Anything that answers the API: a test server, or a server process. */
export interface ApiTarget {
  httpUrl: string
}

/** fetch against the server with an optional bearer token and a JSON body. */
export function call(target: ApiTarget, method: string, path: string, token?: string | null, body?: unknown) {
  const headers = new Headers()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  return fetch(target.httpUrl + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

/** Opens a plénière as `token` (an owner or rédacteur). */
export async function openPlenary(
  target: ApiTarget,
  conventionId: string,
  token: string,
  body: Record<string, unknown> = { title: 'Atelier petite enfance — 12 mars' },
): Promise<Plenary> {
  const response = await call(target, 'POST', `/api/conventions/${conventionId}/plenaries`, token, body)
  if (response.status !== 201)
    throw new Error(`opening a plénière answered ${response.status}: ${await response.text()}`)
  return plenaryResponseSchema.parse(await response.json()).plenary
}

/** Joins with the code, as a phone would. */
export async function joinPlenary(
  target: ApiTarget,
  code: string,
  name = 'Sophie (crèche)',
): Promise<JoinPlenaryResponse> {
  const response = await call(target, 'POST', `/api/plenaries/${code}/join`, null, { name })
  if (response.status !== 200) throw new Error(`joining answered ${response.status}: ${await response.text()}`)
  return joinPlenaryResponseSchema.parse(await response.json())
}
