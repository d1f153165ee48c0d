import { parseConventionFile, type Convention } from '@ctg/shared'

/**
 * A version's stored export, read as the current format: versions recorded before format 2
 * hold version-1 JSON, which is migrated so that diffs and avenants compare like with like.
 * The stored bytes themselves never change (their sha256 is what was validated or signed).
 */
export function storedConvention(json: string): Convention {
  const parsed = parseConventionFile(JSON.parse(json))
  if (!parsed.success) throw new Error(`stored version does not read as a convention: ${parsed.error.message}`)
  return parsed.data
}
