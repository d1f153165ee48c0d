import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

/** What the test provider says of a person, as ProConnect does (`usual_name`: the family name in use). */
export interface TestAccount {
  email: string
  given_name: string
  usual_name: string
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** by subject; a test may add people while the provider runs */
  accounts: Map<string, TestAccount>
  stop(): Promise<void>
}

const SCOPES = ['openid', 'email', 'given_name', 'usual_name']

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of request) body += chunk
  return new URLSearchParams(body)
}

/**
 * A real OpenID Connect provider (oidc-provider) in the test process, set up as ProConnect is
 * for a service: one confidential client, PKCE required, userinfo signed as a JWT, a scope per
 * claim. Its sign-in page takes the subject (`login=…`) and no password; consent is implied.
 */
export async function startOidcProvider(options: {
  redirectUri: string
  postLogoutRedirectUri: string
  accounts: Record<string, TestAccount>
  /** a fixed port (to come up where a server already expects it), else a free one */
  port?: number
}): Promise<TestProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const accounts = new Map(Object.entries(options.accounts))
  const clientId = 'ctg-workspace'
  const clientSecret = 'a-client-secret-of-the-test-provider'
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' }] },
    cookies: { keys: ['a-cookie-key-of-the-test-provider'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
    claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'] },
    scopes: SCOPES,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub)
      return account && { accountId: sub, claims: () => ({ sub, ...account }) }
    },
    // the service is the provider's own client: no consent screen
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result } = ctx.oidc
      const grantId = result?.consent?.grantId ?? session!.grantIdFor(client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId })
      grant.addOIDCScope(SCOPES.join(' '))
      await grant.save()
      return grant
    },
  })
  const handle = provider.callback()

  server.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', issuer)
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname)
    try {
      if (interaction && request.method === 'GET' && !interaction[2]) {
        const details = await provider.interactionDetails(request, response)
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        response.end(
          `<form method="post" action="/interaction/${details.uid}/login"><input name="login"><button>OK</button></form>`,
        )
      } else if (interaction && request.method === 'POST' && interaction[2]) {
        await provider.interactionDetails(request, response)
        const login = (await readForm(request)).get('login') ?? ''
        const result = accounts.has(login)
          ? { login: { accountId: login } }
          : { error: 'access_denied', error_description: 'unknown account' }
        await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false })
      } else {
        handle(request, response)
      }
    } catch (error) {
      response.writeHead(400, { 'Content-Type': 'text/plain' })
      response.end(String(error))
    }
  })

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
