import { clearedSessionCookie, sessionCookie } from '../sessionCookie.js'
import { OidcClient } from '../../auth/oidc/OidcClient.js'
import type { OidcCookies } from '../../auth/oidc/OidcCookies.js'
import { describeOidcError } from '../../auth/oidc/describeOidcError.js'
import { safeNextPath } from '../../auth/oidc/safeNextPath.js'
import type { Logger } from '../../logger.js'
import type { OidcIdentity } from '../../storage/AccountStore.js'
import type { ApiResponse, Route } from '../ApiRequest.js'
import { redirect } from '../redirect.js'

export interface OidcRoutesOptions {
  oidc: OidcClient
  cookies: OidcCookies
  /** finds or creates the user and opens a session for them */
  signIn(identity: OidcIdentity): Promise<{ token: string; expiresAt: Date }>
  logger: Logger
}

const FAILED = '/connexion?erreur=oidc'

/**
 * Sign-in through the OpenID Connect provider: `start` sends the browser there, `callback`
 * brings it back to `next` with the session cookie; `logout` ends the session at the provider. Every failure
 * lands on the sign-in page with `?erreur=oidc` and is logged with its reason.
 */
export function oidcRoutes({ oidc, cookies, signIn, logger }: OidcRoutesOptions): Route[] {
  const failed = (step: string, reason: string): ApiResponse => {
    logger.warn(`OIDC ${step} failed: ${reason}`)
    return redirect(FAILED, { 'Set-Cookie': cookies.clearFlowCookie() })
  }

  return [
    {
      method: 'GET',
      pattern: /^\/api\/auth\/oidc\/start$/,
      public: true,
      handler: async (request) => {
        const flow = OidcClient.newFlow(safeNextPath(request.query.get('next')))
        try {
          const url = await oidc.authorizationUrl(flow)
          return redirect(url.href, { 'Set-Cookie': await cookies.flowCookie(flow) })
        } catch (error) {
          return failed('start', describeOidcError(error))
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/auth\/oidc\/callback$/,
      public: true,
      handler: async (request) => {
        const flow = await cookies.readFlow(request.raw.headers.cookie)
        if (!flow) return failed('callback', 'no sign-in in progress in this browser (cookie missing or expired)')
        try {
          const { identity, idToken } = await oidc.complete(request.query, flow)
          const { token, expiresAt } = await signIn(identity)
          // the session is the cookie: the token never appears in an address
          return redirect(flow.next, {
            'Set-Cookie': [
              cookies.clearFlowCookie(),
              await cookies.idTokenCookie(idToken),
              sessionCookie(token, expiresAt, request.secure),
            ],
          })
        } catch (error) {
          return failed('callback', describeOidcError(error))
        }
      },
    },
    {
      // RP-initiated logout: ProConnect wants the ID token back as id_token_hint
      method: 'GET',
      pattern: /^\/api\/auth\/oidc\/logout$/,
      public: true,
      handler: async (request) => {
        const idToken = await cookies.readIdToken(request.raw.headers.cookie)
        let location = '/connexion'
        if (idToken) {
          try {
            location = (await oidc.endSessionUrl(idToken))?.href ?? location
          } catch (error) {
            logger.warn(`OIDC logout failed: ${describeOidcError(error)}`)
          }
        }
        // the session itself was ended by POST /api/auth/logout just before; its cookie goes too
        return redirect(location, {
          'Set-Cookie': [cookies.clearIdTokenCookie(), clearedSessionCookie(request.secure)],
        })
      },
    },
  ]
}
