import type { AuthOptions } from '@ctg/shared'
import type { Route } from '../ApiRequest.js'

/** How people may sign in here; the sign-in page shows the provider's button from it. */
export function authOptionsRoutes(options: { password: boolean; oidcLabel: string | null }): Route[] {
  const json: AuthOptions = {
    password: options.password,
    oidc: options.oidcLabel === null ? null : { label: options.oidcLabel },
  }
  return [
    {
      method: 'GET',
      pattern: /^\/api\/auth\/options$/,
      public: true,
      handler: async () => ({ status: 200, json }),
    },
  ]
}
