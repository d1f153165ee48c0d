import {
  createThreadBodySchema,
  messageBodyRequestSchema,
  patchThreadBodySchema,
  type CommentMessage,
  type CommentThread,
  type Role,
} from '@ctg/shared'
import type { z } from 'zod'
import type { ApiRequest, Route } from '../http/ApiRequest.js'
import { requireRole } from '../http/requireRole.js'
import { invalidInput } from '../http/zodIssues.js'
import type { MembershipStore } from '../storage/MembershipStore.js'
import type { CommentService } from './CommentService.js'

const ID = '([\\w-]{1,64})'
const THREADS = new RegExp(`^/api/conventions/${ID}/threads$`)
const THREAD = new RegExp(`^/api/conventions/${ID}/threads/${ID}$`)
const MESSAGES = new RegExp(`^/api/conventions/${ID}/threads/${ID}/messages$`)
const MESSAGE = new RegExp(`^/api/conventions/${ID}/threads/${ID}/messages/${ID}$`)

/** Who may comment, reply and resolve; a reader only reads the threads. */
const COMMENTING = ['owner', 'editor', 'commenter'] as const satisfies Role[]

async function parsed<T extends z.ZodType>(request: ApiRequest, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await request.readJson())
  if (!result.success) throw invalidInput('invalid_body', result.error)
  return result.data
}

/** The comment threads of a convention (see docs/api.md, "Comments"). */
export function commentRoutes(comments: CommentService, members: MembershipStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: THREADS,
      handler: async (request) => {
        const [id] = request.params as [string]
        await requireRole(members, request, id)
        return { status: 200, json: { threads: await comments.list(id) } satisfies { threads: CommentThread[] } }
      },
    },
    {
      method: 'POST',
      pattern: THREADS,
      handler: async (request) => {
        const [id] = request.params as [string]
        await requireRole(members, request, id, COMMENTING)
        const { anchor, body } = await parsed(request, createThreadBodySchema)
        const thread = await comments.create(id, request.user, anchor, body)
        return {
          status: 201,
          json: { thread },
          headers: { Location: `/api/conventions/${id}/threads/${thread.id}` },
        }
      },
    },
    {
      method: 'PATCH',
      pattern: THREAD,
      handler: async (request) => {
        const [id, threadId] = request.params as [string, string]
        await requireRole(members, request, id, COMMENTING)
        const { status } = await parsed(request, patchThreadBodySchema)
        return { status: 200, json: { thread: await comments.setStatus(id, threadId, request.user, status) } }
      },
    },
    {
      method: 'POST',
      pattern: MESSAGES,
      handler: async (request) => {
        const [id, threadId] = request.params as [string, string]
        await requireRole(members, request, id, COMMENTING)
        const { body } = await parsed(request, messageBodyRequestSchema)
        const message: CommentMessage = await comments.reply(id, threadId, request.user, body)
        return { status: 201, json: { message } }
      },
    },
    {
      method: 'PATCH',
      pattern: MESSAGE,
      handler: async (request) => {
        const [id, threadId, messageId] = request.params as [string, string, string]
        await requireRole(members, request, id, COMMENTING)
        const { body } = await parsed(request, messageBodyRequestSchema)
        return { status: 200, json: { message: await comments.edit(id, threadId, messageId, request.user, body) } }
      },
    },
    {
      method: 'DELETE',
      pattern: MESSAGE,
      handler: async (request) => {
        const [id, threadId, messageId] = request.params as [string, string, string]
        const role = await requireRole(members, request, id, COMMENTING)
        await comments.delete(id, threadId, messageId, request.user, role === 'owner')
        return { status: 204, json: undefined }
      },
    },
  ]
}
