import { createVersionBody, diffConventions, signatoryPatchBody, statusBody } from '@ctg/shared'
import type { ApiRequest, Route } from '../http/ApiRequest.js'
import { HttpError } from '../http/HttpError.js'
import { requireRole } from '../http/requireRole.js'
import { invalidInput } from '../http/zodIssues.js'
import type { MembershipStore } from '../storage/MembershipStore.js'
import type { ConventionService } from '../conventions/ConventionService.js'
import { versionJson, type VersionService } from './VersionService.js'
import { storedConvention } from './storedConvention.js'

const ID = '([\\w-]{1,64})'
const route = (suffix: string) => new RegExp(`^/api/conventions/${ID}${suffix}$`)
const WRITERS = ['owner', 'editor'] as const

async function body<T>(
  request: ApiRequest,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
) {
  const parsed = schema.safeParse(await request.readJson())
  if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
  return parsed.data
}

/** Versions, comparison, status steps, signatures and avenants (docs/api.md, "Versions"). */
export function versionRoutes(
  versions: VersionService,
  conventions: ConventionService,
  members: MembershipStore,
): Route[] {
  /** the export of a version, or of the live document (`current`) */
  const exportOf = async (conventionId: string, which: string) => {
    if (which === 'current') {
      const current = await conventions.export(conventionId)
      if (!current) throw new HttpError(404, 'not_found', 'no such convention')
      return current
    }
    return storedConvention((await versions.read(conventionId, which)).json)
  }
  return [
    {
      method: 'GET',
      pattern: route('/versions'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id)
        return { status: 200, json: { versions: (await versions.list(id)).map(versionJson) } }
      },
    },
    {
      // an avenant's editor numbers fiches and key actions as the text it amends
      method: 'GET',
      pattern: route('/numbering'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id)
        const amended = await versions.amendedNumbers(id)
        const json = amended
          ? { amends: amended.amends, ...amended.numbers }
          : { amends: null, fiches: {}, keyActions: {} }
        return { status: 200, json }
      },
    },
    {
      method: 'POST',
      pattern: route('/versions'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id, WRITERS)
        const { name } = await body(request, createVersionBody)
        const version = await versions.record(id, { kind: 'named', name, author: request.user })
        return { status: 201, json: { version: versionJson(version) } }
      },
    },
    {
      method: 'POST',
      pattern: route(`/versions/${ID}/restore`),
      handler: async (request) => {
        const [id, versionId] = request.params as [string, string]
        await requireRole(members, request, id, WRITERS)
        const version = await versions.restore(id, versionId, request.user)
        return { status: 200, json: { version: versionJson(version) } }
      },
    },
    {
      method: 'GET',
      pattern: route('/diff'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id)
        const from = request.query.get('from')
        const to = request.query.get('to')
        if (!from || !to)
          throw new HttpError(400, 'invalid_query', 'from and to are required (a version id, or "current" for to)')
        if (from === 'current') throw new HttpError(400, 'invalid_query', 'from must be a version id')
        const [before, after] = await Promise.all([exportOf(id, from), exportOf(id, to)])
        return { status: 200, json: { changes: diffConventions(before, after) } }
      },
    },
    {
      method: 'POST',
      pattern: route('/status'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id, ['owner'])
        const { status } = await body(request, statusBody)
        const version = await versions.setStatus(id, status, request.user)
        return { status: 200, json: { status, version: versionJson(version) } }
      },
    },
    {
      method: 'PATCH',
      pattern: route(`/signatories/${ID}`),
      handler: async (request) => {
        const [id, signatoryId] = request.params as [string, string]
        await requireRole(members, request, id, WRITERS)
        const dates = await body(request, signatoryPatchBody)
        const result = await versions.setSignatory(id, signatoryId, dates, request.user)
        return {
          status: 200,
          json: {
            signed: result.signed,
            total: result.total,
            status: result.status,
            version: versionJson(result.version),
          },
        }
      },
    },
    {
      method: 'POST',
      pattern: route('/avenants'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(members, request, id, ['owner'])
        const avenantId = await versions.startAvenant(id, request.user)
        return { status: 201, json: { id: avenantId }, headers: { Location: `/api/conventions/${avenantId}` } }
      },
    },
  ]
}
