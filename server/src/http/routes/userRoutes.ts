import type { AccountStore } from '../../storage/AccountStore.js'
import type { Route } from '../ApiRequest.js'
import { HttpError } from '../HttpError.js'

export function userRoutes(accounts: AccountStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/me$/,
      handler: async (request) => {
        const { id, name } = request.user
        const email = (await accounts.userById(id))?.email ?? null
        return { status: 200, json: { user: { id, name, email } } }
      },
    },
    {
      // replaced by POST /api/conventions/:id/members (owner only): a link for anyone, with no
      // role attached, would now open nothing, and minting identities for strangers is not for everyone
      method: 'POST',
      pattern: /^\/api\/invitations$/,
      handler: async () => {
        throw new HttpError(410, 'gone', 'invitations are made per convention: POST /api/conventions/:id/members')
      },
    },
  ]
}
