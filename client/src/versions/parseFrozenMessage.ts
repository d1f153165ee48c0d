import { frozenMessageSchema, type ConventionStatus } from '@ctg/shared'

/** The status of a `{"type":"frozen"}` stateless message, or null for any other payload. */
export function parseFrozenMessage(payload: string): ConventionStatus | null {
  try {
    const parsed = frozenMessageSchema.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data.status : null
  } catch {
    return null
  }
}
