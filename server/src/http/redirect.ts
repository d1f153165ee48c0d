import type { ApiResponse } from './ApiRequest.js'

/** A 302 to `location` (a path on this site or the provider's address), with extra headers such as Set-Cookie. */
export function redirect(location: string, headers: Record<string, string | string[]> = {}): ApiResponse {
  return { status: 302, json: null, headers: { Location: location, ...headers } }
}
