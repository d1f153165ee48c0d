import type { Role } from '@ctg/shared'
import { HttpError } from '../http/HttpError.js'
import type { ApiRequest, ApiResponse, Route } from '../http/ApiRequest.js'
import { requireRole } from '../http/requireRole.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import type { ConventionBin } from './ConventionBin.js'

const OWNER_ONLY = ['owner'] as const satisfies Role[]

/** `GET /api/conventions?bin=1`: the caller's binned conventions (those they own), and how long the bin keeps them. */
export async function binList(bin: ConventionBin, request: ApiRequest): Promise<ApiResponse> {
  return { status: 200, json: { conventions: await bin.ownedBy(request.user.id), retentionDays: bin.retentionDays } }
}

/** Moving a convention to the bin and restoring it, owners only. */
export function binRoutes(store: ConventionStore, bin: ConventionBin): Route[] {
  return [
    {
      // a convention already in the bin answers 410, as every route of it but restore
      method: 'DELETE',
      pattern: /^\/api\/conventions\/([\w-]{1,64})$/,
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(store.members, request, id, OWNER_ONLY)
        await bin.moveToBin(id, request.user)
        return { status: 204, json: null }
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/conventions\/([\w-]{1,64})\/restore$/,
      handler: async (request) => {
        const id = request.params[0]!
        const access = await store.members.access(id, request.user.id)
        if (!access) throw new HttpError(404, 'not_found', 'no such convention')
        if (access.role !== 'owner') {
          throw new HttpError(403, 'forbidden', `the ${access.role} role does not allow this (needs owner)`)
        }
        if (!(await bin.restore(id, request.user))) {
          throw new HttpError(409, 'not_in_bin', 'the convention is not in the bin')
        }
        const summary = await store.get(id)
        if (!summary) throw new HttpError(404, 'not_found', 'no such convention')
        const { issues, ...rest } = summary
        return { status: 200, json: { ...rest, issues: issues.length, role: access.role } }
      },
    },
  ]
}
