import { conventionJsonSchema } from '@ctg/shared'
import type { Route } from '../ApiRequest.js'

export function schemaRoutes(): Route[] {
  const schema = conventionJsonSchema()
  return [
    {
      method: 'GET',
      pattern: /^\/api\/schema\/convention\.json$/,
      public: true,
      handler: async () => ({ status: 200, json: schema, headers: { 'Content-Type': 'application/schema+json' } }),
    },
  ]
}
