import { createId } from '@ctg/shared'
import { z } from 'zod'
import type { TokenService } from '../../auth/tokens.js'
import type { Route } from '../ApiRequest.js'
import { invalidInput } from '../zodIssues.js'

const invitationBody = z.strictObject({ name: z.string().trim().min(1, 'name must not be empty').max(120) })

export function userRoutes(tokens: TokenService): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/me$/,
      handler: async (request) => ({ status: 200, json: { user: request.user } }),
    },
    {
      // a signed-in person invites a colleague: the answer is a sign-in link for a new user
      method: 'POST',
      pattern: /^\/api\/invitations$/,
      handler: async (request) => {
        const parsed = invitationBody.safeParse(await request.readJson())
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const user = { id: createId('u-'), name: parsed.data.name }
        const token = await tokens.issue(user)
        return { status: 201, json: { user, token, link: `${request.origin}/#jeton=${token}` } }
      },
    },
  ]
}
