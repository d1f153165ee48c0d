import {
  createPlenaryBodySchema,
  joinPlenaryBodySchema,
  moderateCommentBodySchema,
  participantCommentBodySchema,
  supportsBodySchema,
  writePrioritiesBodySchema,
  type Role,
} from '@ctg/shared'
import type { z } from 'zod'
import type { ApiRequest, Route } from '../http/ApiRequest.js'
import { HttpError } from '../http/HttpError.js'
import { isSameOrigin } from '../http/requestOrigin.js'
import { requireRole } from '../http/requireRole.js'
import { invalidInput } from '../http/zodIssues.js'
import type { MembershipStore } from '../storage/MembershipStore.js'
import { participantCookie, participantRequestToken } from './participantCookie.js'
import type { ParticipantAccess, PlenaryService } from './PlenaryService.js'
import type { StoredPlenary } from './PlenaryStore.js'

const ID = '([\\w-]{1,64})'
/** Any code-like segment: a wrong one is a failed guess, answered 404 (and counted). */
const CODE = '([A-Za-z0-9]{1,16})'
const PLENARIES = new RegExp(`^/api/conventions/${ID}/plenaries$`)
const PLENARY = new RegExp(`^/api/conventions/${ID}/plenaries/${ID}$`)
const MODERATION = new RegExp(`^/api/conventions/${ID}/plenaries/${ID}/comments/${ID}$`)
const PARTICIPANT = new RegExp(`^/api/conventions/${ID}/plenaries/${ID}/participants/${ID}$`)
const CLOSE = new RegExp(`^/api/conventions/${ID}/plenaries/${ID}/close$`)
const PRIORITIES = new RegExp(`^/api/conventions/${ID}/plenaries/${ID}/priorities$`)
const PUBLIC = new RegExp(`^/api/plenaries/${CODE}$`)
const JOIN = new RegExp(`^/api/plenaries/${CODE}/join$`)
const ME = new RegExp(`^/api/plenaries/${CODE}/me$`)
const CONVENTION = new RegExp(`^/api/plenaries/${CODE}/convention$`)
const COMMENTS = new RegExp(`^/api/plenaries/${CODE}/comments$`)
const SUPPORTS = new RegExp(`^/api/plenaries/${CODE}/supports$`)

/** Who opens a plénière and writes its ranking into the fiches: owners and rédacteurs. */
const WRITERS = ['owner', 'editor'] as const satisfies Role[]

async function parsed<T extends z.ZodType>(request: ApiRequest, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await request.readJson())
  if (!result.success) throw invalidInput('invalid_body', result.error)
  return result.data
}

/** The plénière's HTTP contract (docs/api.md, "Plénières"). */
export function plenaryRoutes(plenaries: PlenaryService, members: MembershipStore, trustProxy: boolean): Route[] {
  /** The facilitator: whoever opened it (still an owner or rédacteur), and owners. */
  const facilitated = async (request: ApiRequest): Promise<StoredPlenary> => {
    const [id, plenaryId] = request.params as [string, string]
    const role = await requireRole(members, request, id, WRITERS)
    const plenary = await plenaries.ofConvention(id, plenaryId)
    if (role !== 'owner' && plenary.openedById !== request.user.id) {
      throw new HttpError(403, 'forbidden', 'only who opened the plénière, or an owner, facilitates it')
    }
    return plenary
  }

  /** A participant's request: their token (bearer or cookie); a cookie write must come from our pages. */
  const participant = async (request: ApiRequest): Promise<ParticipantAccess> => {
    const { token, fromCookie } = participantRequestToken(request.raw)
    if (fromCookie && request.raw.method !== 'GET' && !isSameOrigin(request.raw, trustProxy)) {
      throw new HttpError(403, 'cross_site_request', 'a request from another site cannot use the participant cookie')
    }
    return plenaries.authenticate(request.params[0]!, token)
  }

  return [
    {
      method: 'POST',
      pattern: PLENARIES,
      handler: async (request) => {
        const [id] = request.params as [string]
        await requireRole(members, request, id, WRITERS)
        const body = await parsed(request, createPlenaryBodySchema)
        return { status: 201, json: { plenary: await plenaries.open(id, request.user, body, request.origin) } }
      },
    },
    {
      method: 'GET',
      pattern: PLENARIES,
      handler: async (request) => {
        const [id] = request.params as [string]
        await requireRole(members, request, id)
        return { status: 200, json: { plenaries: await plenaries.list(id, request.origin) } }
      },
    },
    {
      method: 'GET',
      pattern: PLENARY,
      handler: async (request) => ({
        status: 200,
        json: await plenaries.detail(await facilitated(request), request.origin),
      }),
    },
    {
      method: 'PATCH',
      pattern: MODERATION,
      handler: async (request) => {
        const plenary = await facilitated(request)
        const { hidden } = await parsed(request, moderateCommentBodySchema)
        const threadId = request.params[2]!
        await plenaries.moderate(plenary, threadId, hidden)
        return { status: 200, json: { threadId, hidden } }
      },
    },
    {
      method: 'DELETE',
      pattern: PARTICIPANT,
      handler: async (request) => {
        const plenary = await facilitated(request)
        await plenaries.exclude(plenary, request.params[2]!, request.user)
        return { status: 204, json: undefined }
      },
    },
    {
      method: 'POST',
      pattern: CLOSE,
      handler: async (request) => {
        const plenary = await facilitated(request)
        return { status: 200, json: { plenary: await plenaries.close(plenary, request.user, request.origin) } }
      },
    },
    {
      method: 'POST',
      pattern: PRIORITIES,
      handler: async (request) => {
        const [id, plenaryId] = request.params as [string, string]
        await requireRole(members, request, id, WRITERS)
        const plenary = await plenaries.ofConvention(id, plenaryId)
        const { blockIds } = await parsed(request, writePrioritiesBodySchema)
        return { status: 200, json: await plenaries.writePriorities(plenary, blockIds) }
      },
    },
    {
      method: 'GET',
      pattern: PUBLIC,
      public: true,
      handler: async (request) => ({
        status: 200,
        json: { plenary: await plenaries.publicInfo(request.params[0]!, request.address) },
      }),
    },
    {
      method: 'POST',
      pattern: JOIN,
      public: true,
      handler: async (request) => {
        const { name } = await parsed(request, joinPlenaryBodySchema)
        const joined = await plenaries.join(request.params[0]!, name, request.address)
        return {
          status: 200,
          json: { participant: joined.participant, token: joined.token },
          headers: { 'Set-Cookie': participantCookie(joined.token, joined.endsAt, request.secure) },
        }
      },
    },
    {
      method: 'GET',
      pattern: ME,
      public: true,
      handler: async (request) => ({ status: 200, json: await plenaries.state(await participant(request)) }),
    },
    {
      method: 'GET',
      pattern: CONVENTION,
      public: true,
      handler: async (request) => ({ status: 200, json: await plenaries.convention(await participant(request)) }),
    },
    {
      method: 'POST',
      pattern: COMMENTS,
      public: true,
      handler: async (request) => {
        const access = await participant(request)
        const { anchor, body } = await parsed(request, participantCommentBodySchema)
        return { status: 201, json: { thread: await plenaries.comment(access, anchor, body) } }
      },
    },
    {
      method: 'PUT',
      pattern: SUPPORTS,
      public: true,
      handler: async (request) => {
        const access = await participant(request)
        const { blockIds } = await parsed(request, supportsBodySchema)
        return { status: 200, json: await plenaries.setSupports(access, blockIds) }
      },
    },
  ]
}
