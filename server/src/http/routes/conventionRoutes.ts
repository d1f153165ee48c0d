import { conventionSchema, periodSchema } from '@ctg/shared'
import { z } from 'zod'
import type { ConventionService } from '../../conventions/ConventionService.js'
import type { Route } from '../ApiRequest.js'
import { HttpError } from '../HttpError.js'
import { invalidInput } from '../zodIssues.js'

const defaultPeriod = () => {
  const start = new Date().getFullYear() + 1
  return { start, end: start + 4 }
}

const fromTemplateBody = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(300),
  template: z.enum(['national', 'blank']),
  period: periodSchema.optional(),
})

const fromImportBody = z.strictObject({ convention: z.unknown() })

export function conventionRoutes(conventions: ConventionService): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/conventions$/,
      handler: async () => {
        const list = await conventions.list()
        return {
          status: 200,
          json: { conventions: list.map(({ issues, ...summary }) => ({ ...summary, issues: issues.length })) },
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
          const parsed = conventionSchema.safeParse(parsedBody.data.convention)
          if (!parsed.success) {
            throw invalidInput(
              'invalid_convention',
              parsed.error,
              ['convention'],
              'the convention does not match the schema: ',
            )
          }
          const id = await conventions.createFromConvention(parsed.data, request.user.id)
          return { status: 201, json: { id }, headers: { Location: `/api/conventions/${id}` } }
        }
        const parsed = fromTemplateBody.safeParse(body)
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const { title, template, period } = parsed.data
        const id = await conventions.createFromTemplate(template, title, period ?? defaultPeriod(), request.user.id)
        return { status: 201, json: { id }, headers: { Location: `/api/conventions/${id}` } }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/conventions\/([\w-]{1,64})$/,
      handler: async (request) => {
        const summary = await conventions.get(request.params[0]!)
        if (!summary) throw new HttpError(404, 'not_found', 'no such convention')
        return { status: 200, json: summary }
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
        const convention = await conventions.export(id)
        if (!convention) throw new HttpError(404, 'not_found', 'no such convention')
        return {
          status: 200,
          json: convention,
          headers: { 'Content-Disposition': `attachment; filename="${id}.json"` },
        }
      },
    },
  ]
}
