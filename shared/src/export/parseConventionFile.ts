import type { z } from 'zod'
import { conventionModel, type Convention } from './conventionModel.js'
import { conventionModelV1 } from './v1/conventionModelV1.js'
import { migrateV1 } from './v1/migrateV1.js'

export type ParsedConventionFile =
  { success: true; data: Convention; version: number } | { success: false; error: z.ZodError; version: number | null }

/**
 * Reads an exported convention of any version: version 2 as is, version 1 through its
 * own schema and then migrated. A file without a known version is read as the latest.
 */
export function parseConventionFile(input: unknown): ParsedConventionFile {
  const version = (input as { version?: unknown } | null)?.version
  if (version === 1) {
    const v1 = conventionModelV1.safeParse(input)
    if (!v1.success) return { success: false, error: v1.error, version: 1 }
    const migrated = conventionModel.safeParse(migrateV1(v1.data))
    return migrated.success
      ? { success: true, data: migrated.data, version: 1 }
      : { success: false, error: migrated.error, version: 1 }
  }
  const parsed = conventionModel.safeParse(input)
  return parsed.success
    ? { success: true, data: parsed.data, version: 2 }
    : { success: false, error: parsed.error, version: typeof version === 'number' ? version : null }
}
