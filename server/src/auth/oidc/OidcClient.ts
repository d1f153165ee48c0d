import * as client from 'openid-client'
import type { OidcConfig } from '../../config.js'
import type { OidcIdentity } from '../../storage/AccountStore.js'
import { identityFromUserInfo } from './identityFromUserInfo.js'
import type { OidcFlow } from './OidcCookies.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The relying party (openid-client): authorization code flow with PKCE (S256), state and nonce.
 * Discovery happens on first use and is retried after a failure, so a provider outage never
 * keeps the server from starting.
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined

  constructor(private readonly config: OidcConfig) {}

  /** a fresh flow: its secrets are random, `next` is the caller's (already checked) */
  static newFlow(next: string): OidcFlow {
    return {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next,
    }
  }

  async authorizationUrl(flow: OidcFlow): Promise<URL> {
    const configuration = await this.discover()
    const parameters: Record<string, string> = {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    }
    // ProConnect refuses any parameter it does not expect: send these only when configured
    if (this.config.acrValues) parameters.acr_values = this.config.acrValues
    if (this.config.claims) parameters.claims = this.config.claims
    return client.buildAuthorizationUrl(configuration, parameters)
  }

  /**
   * Completes the sign-in from the provider's redirect (`query` as received on the callback):
   * checks state, exchanges the code with the PKCE verifier, checks the ID token's nonce, then
   * reads the person from userinfo (the code-flow ID token carries only `sub`).
   */
  async complete(query: URLSearchParams, flow: OidcFlow): Promise<{ identity: OidcIdentity; idToken: string }> {
    const configuration = await this.discover()
    // the registered callback, not the URL this process was reached at behind a proxy
    const callbackUrl = new URL(this.config.redirectUri)
    callbackUrl.search = query.toString()
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.codeVerifier,
    })
    const subject = tokens.claims()!.sub
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, subject)
    return { identity: identityFromUserInfo(userInfo), idToken: tokens.id_token! }
  }

  /**
   * The provider's sign-out address for this ID token, or null when it has none. ProConnect
   * requires a state; it comes back to the sign-in page, where nothing depends on it.
   */
  async endSessionUrl(idToken: string, state = client.randomState()): Promise<URL | null> {
    const configuration = await this.discover()
    if (!configuration.serverMetadata().end_session_endpoint) return null
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      state,
      post_logout_redirect_uri: this.config.postLogoutRedirectUri,
    })
  }

  private discover(): Promise<client.Configuration> {
    this.configuration ??= this.runDiscovery().catch((error: unknown) => {
      this.configuration = undefined
      throw error
    })
    return this.configuration
  }

  private async runDiscovery(): Promise<client.Configuration> {
    const issuer = new URL(this.config.issuer)
    const metadata: Partial<client.ClientMetadata> = { client_secret: this.config.clientSecret }
    if (this.config.signingAlg) {
      metadata.id_token_signed_response_alg = this.config.signingAlg
      metadata.userinfo_signed_response_alg = this.config.signingAlg
    }
    // plain HTTP only for a provider on this machine (tests, local trials)
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
    const authentication =
      this.config.tokenAuthMethod === 'client_secret_basic'
        ? client.ClientSecretBasic(this.config.clientSecret)
        : client.ClientSecretPost(this.config.clientSecret)
    return client.discovery(issuer, this.config.clientId, metadata, authentication, {
      timeout: 10,
      execute: insecure ? [client.allowInsecureRequests] : [],
    })
  }
}
