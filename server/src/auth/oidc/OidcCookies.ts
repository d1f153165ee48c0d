import { hkdfSync } from 'node:crypto'
import { EncryptJWT, jwtDecrypt } from 'jose'
import { readCookie, setCookie } from '../../http/cookies.js'

/** What the start of a sign-in remembers for its callback. */
export interface OidcFlow {
  state: string
  nonce: string
  codeVerifier: string
  /** the same-origin path to return to */
  next: string
}

const PATH = '/api/auth/oidc'
const FLOW = { cookie: 'ctg_oidc_flow', audience: 'oidc-flow', seconds: 10 * 60 }
// ProConnect's own session lasts 12 hours; past it there is nothing left to sign out of
const ID_TOKEN = { cookie: 'ctg_oidc_id', audience: 'oidc-id-token', seconds: 12 * 3600 }

/**
 * The sign-in state kept in the browser, not in process memory, so that any process may serve
 * the callback: encrypted (A256GCM, key derived from the server secret) and HttpOnly, on the
 * OIDC routes only. The audience keeps one kind of cookie from being replayed as the other.
 */
export class OidcCookies {
  private readonly key: Uint8Array

  constructor(
    secret: Uint8Array,
    /** Secure cookies when the callback is served over HTTPS */
    private readonly secure: boolean,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), 'ctg-workspace oidc cookies', 32))
  }

  async flowCookie(flow: OidcFlow): Promise<string> {
    return this.seal(FLOW, { ...flow })
  }

  /** the flow of this browser, or null when it is missing, expired or not ours */
  async readFlow(cookieHeader: string | undefined): Promise<OidcFlow | null> {
    const claims = await this.open(FLOW, cookieHeader)
    if (!claims) return null
    const { state, nonce, codeVerifier, next } = claims
    const strings = [state, nonce, codeVerifier, next]
    return strings.every((s) => typeof s === 'string') ? ({ state, nonce, codeVerifier, next } as OidcFlow) : null
  }

  clearFlowCookie(): string {
    return setCookie(FLOW.cookie, '', { path: PATH, maxAge: 0, secure: this.secure })
  }

  /** keeps the provider's ID token for signing out there (ProConnect wants it as `id_token_hint`) */
  async idTokenCookie(idToken: string): Promise<string> {
    return this.seal(ID_TOKEN, { idToken })
  }

  async readIdToken(cookieHeader: string | undefined): Promise<string | null> {
    const claims = await this.open(ID_TOKEN, cookieHeader)
    return typeof claims?.idToken === 'string' ? claims.idToken : null
  }

  clearIdTokenCookie(): string {
    return setCookie(ID_TOKEN.cookie, '', { path: PATH, maxAge: 0, secure: this.secure })
  }

  private async seal(kind: typeof FLOW, payload: Record<string, string>): Promise<string> {
    const value = await new EncryptJWT(payload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience(kind.audience)
      .setIssuedAt()
      .setExpirationTime(`${kind.seconds}s`)
      .encrypt(this.key)
    return setCookie(kind.cookie, value, { path: PATH, maxAge: kind.seconds, secure: this.secure })
  }

  private async open(kind: typeof FLOW, cookieHeader: string | undefined): Promise<Record<string, unknown> | null> {
    const value = readCookie(cookieHeader, kind.cookie)
    if (!value) return null
    try {
      const { payload } = await jwtDecrypt(value, this.key, {
        audience: kind.audience,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      })
      return payload
    } catch {
      return null
    }
  }
}
