import { parseConventionFile, periodSchema, TITLE_MAX_LENGTH } from '@ctg/shared'
import { z } from 'zod'
import { binList } from '../../bin/binRoutes.js'
import type { ConventionBin } from '../../bin/ConventionBin.js'
import type { ConventionService } from '../../conventions/ConventionService.js'
import type { ConventionStore } from '../../storage/ConventionStore.js'
import type { ApiRequest, Route } from '../ApiRequest.js'
import { HttpError } from '../HttpError.js'
import { requireRole } from '../requireRole.js'
import { invalidInput } from '../zodIssues.js'

const defaultPeriod = () => {
  const start = new Date().getFullYear() + 1
  return { start, end: start + 4 }
}

const fromTemplateBody = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(TITLE_MAX_LENGTH),
  template: z.enum(['national', 'blank']),
  period: periodSchema.optional(),
})

const fromImportBody = z.strictObject({ convention: z.unknown() })

export function conventionRoutes(conventions: ConventionService, store: ConventionStore, bin: ConventionBin): Route[] {
  const created = async (request: ApiRequest, id: string) => {
    await store.activity.append({
      conventionId: id,
      userId: request.user.id,
      userName: request.user.name,
      action: 'created',
    })
    return { status: 201, json: { id }, headers: { Location: `/api/conventions/${id}` } }
  }
  return [
    {
      // only the conventions the person is a member of, each with their role; those in the
      // bin only with `?bin=1`, and only to their owners
      method: 'GET',
      pattern: /^\/api\/conventions$/,
      handler: async (request) => {
        const inBin = request.query.get('bin')
        if (inBin === '1') return binList(bin, request)
        if (inBin !== null && inBin !== '0') throw new HttpError(400, 'invalid_query', 'bin must be 1 or 0')
        const [list, roles] = await Promise.all([conventions.list(), store.members.rolesOf(request.user.id)])
        return {
          status: 200,
          json: {
            conventions: list
              .filter((summary) => roles.has(summary.id))
              .map(({ issues, ...summary }) => ({ ...summary, issues: issues.length, role: roles.get(summary.id) })),
          },
        }
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/conventions$/,
      handler: async (request) => {
        const body = await request.readJson()
        if (body && typeof body === 'object' && 'convention' in body) {
          const parsedBody = fromImportBody.safeParse(body)
          if (!parsedBody.success) throw invalidInput('invalid_body', parsedBody.error)
          // any version of the export: version 1 is migrated (docs/api.md)
          const parsed = parseConventionFile(parsedBody.data.convention)
          if (!parsed.success) {
            throw invalidInput(
              'invalid_convention',
              parsed.error,
              ['convention'],
              'the convention does not match the schema: ',
            )
          }
          return created(request, await conventions.createFromConvention(parsed.data, request.user.id))
        }
        const parsed = fromTemplateBody.safeParse(body)
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const { title, template, period } = parsed.data
        const id = await conventions.createFromTemplate(template, title, period ?? defaultPeriod(), request.user.id)
        return created(request, id)
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/conventions\/([\w-]{1,64})$/,
      handler: async (request) => {
        const role = await requireRole(store.members, request, request.params[0]!)
        const summary = await conventions.get(request.params[0]!)
        if (!summary) throw new HttpError(404, 'not_found', 'no such convention')
        return { status: 200, json: { ...summary, role } }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/conventions\/([\w-]{1,64})\/export$/,
      handler: async (request) => {
        const format = request.query.get('format') ?? 'json'
        if (format !== 'json')
          throw new HttpError(400, 'unsupported_format', `unsupported format "${format}" (supported: json)`)
        const id = request.params[0]!
        await requireRole(store.members, request, id)
        const convention = await conventions.export(id)
        if (!convention) throw new HttpError(404, 'not_found', 'no such convention')
        await store.activity.append({
          conventionId: id,
          userId: request.user.id,
          userName: request.user.name,
          action: 'exported',
          detail: { format },
        })
        return {
          status: 200,
          json: convention,
          headers: { 'Content-Disposition': `attachment; filename="${id}.json"` },
        }
      },
    },
  ]
}
