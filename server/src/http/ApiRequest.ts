import type { IncomingMessage } from 'node:http'
import type { User } from '../auth/tokens.js'

export interface ApiRequest {
  raw: IncomingMessage
  params: string[]
  query: URLSearchParams
  /** the token's person and session (`anonymous` on public routes) */
  user: User
  /** the client address limits are counted against */
  address: string
  /** the public origin as the client sees it, e.g. http://192.168.1.20:1234 */
  origin: string
  /** the client reached us over https (directly, or through a trusted proxy): cookies get `Secure` */
  secure: boolean
  readJson(): Promise<unknown>
}

export interface ApiResponse {
  status: number
  /** the body; none for 204 and redirects */
  json: unknown
  /** a file instead of JSON (exports): sent as is, with the Content-Type the headers give */
  body?: Uint8Array | string
  /** several values for one header (Set-Cookie) as an array */
  headers?: Record<string, string | string[]>
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  pattern: RegExp
  handler: ApiHandler
  /** routes open without a token (the JSON Schema is public) */
  public?: boolean
}
