import { conventionJsonSchema, conventionJsonSchemaV1 } from '@ctg/shared'
import type { Route } from '../ApiRequest.js'

/** The JSON Schema of each version of the export: the latest, and version 1 for older files. */
export function schemaRoutes(): Route[] {
  const latest = conventionJsonSchema()
  const v1 = conventionJsonSchemaV1()
  const serve = (pattern: RegExp, schema: Record<string, unknown>): Route => ({
    method: 'GET',
    pattern,
    public: true,
    handler: async () => ({ status: 200, json: schema, headers: { 'Content-Type': 'application/schema+json' } }),
  })
  return [serve(/^\/api\/schema\/convention\.json$/, latest), serve(/^\/api\/schema\/convention-v1\.json$/, v1)]
}
