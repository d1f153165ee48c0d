import { z } from 'zod'
import type { LiveAccess } from '../../access/LiveAccess.js'
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js'
import type { Sessions } from '../../auth/Sessions.js'
import type { LoginLimits } from '../../limits/LoginLimits.js'
import type { AccountStore } from '../../storage/AccountStore.js'
import type { ApiRequest, ApiResponse, Route } from '../ApiRequest.js'
import { clearedSessionCookie, requestToken, sessionCookie } from '../sessionCookie.js'
import { HttpError } from '../HttpError.js'
import { invalidInput } from '../zodIssues.js'

const loginBody = z.strictObject({
  email: z.string().trim().min(1, 'email must not be empty').max(254),
  password: z.string().min(1, 'password must not be empty').max(PASSWORD_MAX_LENGTH),
})

/**
 * What a successful sign-in answers, here and when an invitation is accepted: the session
 * cookie for the web client, and the token in the body for API clients.
 */
export async function signedIn(
  sessions: Sessions,
  user: { id: string; name: string; email: string | null },
  request: ApiRequest,
  json: Record<string, unknown> = {},
): Promise<ApiResponse> {
  const { token, expiresAt } = await sessions.issueSession({ id: user.id, name: user.name })
  return {
    status: 200,
    json: {
      token,
      user: { id: user.id, name: user.name, email: user.email },
      expiresAt: expiresAt.toISOString(),
      ...json,
    },
    headers: { 'Set-Cookie': sessionCookie(token, expiresAt, request.secure) },
  }
}

/** Sign-in with e-mail and password, and sign-out. */
export function authRoutes(accounts: AccountStore, sessions: Sessions, limits: LoginLimits, live: LiveAccess): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/api\/auth\/login$/,
      public: true,
      handler: async (request) => {
        const parsed = loginBody.safeParse(await request.readJson())
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const email = parsed.data.email.toLowerCase()
        const attempt = await limits.attempt(request.address, email)
        const found = await accounts.credentialsByEmail(email)
        // unknown address and wrong password: the same answer, after the same work
        const valid = await verifyPassword(found?.passwordHash ?? null, parsed.data.password)
        if (!valid || !found) {
          throw new HttpError(401, 'invalid_credentials', 'wrong e-mail address or password')
        }
        await attempt.succeeded()
        return signedIn(sessions, found.user, request)
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/auth\/logout$/,
      handler: async (request) => {
        const user = request.user as Required<typeof request.user>
        await sessions.end(user)
        await live.endSession(user.sessionId)
        return { status: 204, json: null, headers: { 'Set-Cookie': clearedSessionCookie(request.secure) } }
      },
    },
    {
      // a token from a sign-in link (`#jeton=…`) or a script becomes this browser's session cookie
      method: 'POST',
      pattern: /^\/api\/auth\/session$/,
      handler: async (request) => {
        const user = request.user as Required<typeof request.user>
        const { token } = requestToken(request.raw)
        return {
          status: 204,
          json: null,
          headers: { 'Set-Cookie': sessionCookie(token!, user.expiresAt, request.secure) },
        }
      },
    },
  ]
}
