import { AuthorizationResponseError, ResponseBodyError } from 'openid-client'

/** Why a sign-in failed, for the log: error names, codes and messages, never a token or a response body. */
export function describeOidcError(error: unknown): string {
  if (error instanceof AuthorizationResponseError) {
    return `the provider answered ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`
  }
  if (error instanceof ResponseBodyError) {
    return `the provider refused with ${error.error} (HTTP ${error.status})${error.error_description ? `: ${error.error_description}` : ''}`
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    // openid-client wraps the precise reason (`unexpected "state" response parameter value`, `connect ECONNREFUSED …`)
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${cause}`
  }
  return String(error)
}
