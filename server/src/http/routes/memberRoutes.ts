import {
  createId,
  ORGANISATION_KINDS,
  ROLES,
  type ActivityDetails,
  type ActivityPage,
  type Member as MemberJson,
  type NewActivity,
  type Role,
} from '@ctg/shared'
import { z } from 'zod'
import type { LiveAccess } from '../../access/LiveAccess.js'
import { createInvitationLink } from '../../auth/invitationCodes.js'
import type { ConventionStore } from '../../storage/ConventionStore.js'
import { LastOwnerError, type Member } from '../../storage/MembershipStore.js'
import type { ApiRequest, Route } from '../ApiRequest.js'
import { HttpError } from '../HttpError.js'
import { requireRole } from '../requireRole.js'
import { invalidInput } from '../zodIssues.js'

const shareBody = z.strictObject({
  email: z.email('email must be an e-mail address').max(254),
  name: z.string().trim().min(1, 'name must not be empty').max(120),
  organisationKind: z.enum(ORGANISATION_KINDS),
  organisationName: z.string().trim().max(200).optional(),
  role: z.enum(ROLES),
})
const roleBody = z.strictObject({ role: z.enum(ROLES) })

const MEMBERS = /^\/api\/conventions\/([\w-]{1,64})\/members$/
const MEMBER = /^\/api\/conventions\/([\w-]{1,64})\/members\/([\w-]{1,200})$/
const OWNER_ONLY = ['owner'] as const satisfies Role[]

/** What the API shows of a member (no internal fields). */
const memberJson = (m: Member): MemberJson => ({
  id: m.id,
  name: m.name,
  email: m.email,
  organisationKind: m.organisationKind,
  organisationName: m.organisationName,
  role: m.role,
})

/** Who has access to a convention, and the owners' ways to change it. */
export function memberRoutes(store: ConventionStore, live: LiveAccess): Route[] {
  const changing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      if (error instanceof LastOwnerError) throw new HttpError(409, 'last_owner', error.message)
      throw error
    }
  }
  const log = <A extends 'shared' | 'role_changed' | 'revoked'>(
    request: ApiRequest,
    conventionId: string,
    action: A,
    detail: ActivityDetails[A],
  ) =>
    store.activity.append({
      conventionId,
      userId: request.user.id,
      userName: request.user.name,
      action,
      detail,
    } as NewActivity)
  const memberOf = async (conventionId: string, userId: string) => {
    const member = (await store.members.members(conventionId)).find((m) => m.id === userId)
    if (!member) throw new HttpError(404, 'not_found', 'no such member')
    return member
  }

  return [
    {
      method: 'GET',
      pattern: MEMBERS,
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(store.members, request, id)
        return { status: 200, json: { members: (await store.members.members(id)).map(memberJson) } }
      },
    },
    {
      // the invitation is a link to create an account (no mail server)
      method: 'POST',
      pattern: MEMBERS,
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(store.members, request, id, OWNER_ONLY)
        const parsed = shareBody.safeParse(await request.readJson())
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const { role, ...invited } = parsed.data
        const user = await store.members.userByEmail(invited, createId('u-'))
        const before = await store.members.roleOf(id, user.id)
        await changing(() => store.members.setRole(id, user.id, role, request.user.id))
        if (before !== role) await live.changed(id, user.id)
        await log(request, id, 'shared', { userId: user.id, name: user.name, email: user.email, role })
        // a person with an account just signs in; the others get a link to create theirs
        const hasAccount = await store.accounts.hasAccount(user.id)
        const link = hasAccount
          ? `${request.origin}/c/${id}`
          : await createInvitationLink(store.accounts, request.origin, {
              userId: user.id,
              conventionId: id,
              role,
              invitedBy: request.user.id,
            })
        return { status: 201, json: { member: memberJson(await memberOf(id, user.id)), link, hasAccount } }
      },
    },
    {
      method: 'PATCH',
      pattern: MEMBER,
      handler: async (request) => {
        const [id, userId] = request.params as [string, string]
        await requireRole(store.members, request, id, OWNER_ONLY)
        const parsed = roleBody.safeParse(await request.readJson())
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const previous = await memberOf(id, userId)
        await changing(() => store.members.setRole(id, userId, parsed.data.role, request.user.id))
        await live.changed(id, userId)
        await log(request, id, 'role_changed', {
          userId,
          name: previous.name,
          from: previous.role,
          to: parsed.data.role,
        })
        return { status: 200, json: { member: memberJson(await memberOf(id, userId)) } }
      },
    },
    {
      method: 'DELETE',
      pattern: MEMBER,
      handler: async (request) => {
        const [id, userId] = request.params as [string, string]
        await requireRole(store.members, request, id, OWNER_ONLY)
        const previous = await memberOf(id, userId)
        await changing(() => store.members.remove(id, userId))
        await live.changed(id, userId)
        await log(request, id, 'revoked', { userId, name: previous.name, role: previous.role })
        return { status: 204, json: null }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/conventions\/([\w-]{1,64})\/activity$/,
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(store.members, request, id, OWNER_ONLY)
        const before = request.query.get('before')
        const limit = Number(request.query.get('limit') ?? 50)
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
          throw new HttpError(400, 'invalid_query', 'limit must be a whole number from 1 to 200')
        }
        if (before !== null && !/^\d{1,15}$/.test(before)) {
          throw new HttpError(400, 'invalid_query', 'before must be a sequence number')
        }
        const entries = await store.activity.list(id, { before: before === null ? undefined : Number(before), limit })
        const next = entries.length === limit ? entries[entries.length - 1]!.seq : null
        return { status: 200, json: { activity: entries, next } satisfies ActivityPage }
      },
    },
  ]
}
