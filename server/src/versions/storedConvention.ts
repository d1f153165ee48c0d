import { CONVENTION_FORMAT_VERSION, parseConventionFile, type Convention } from '@ctg/shared'

/**
 * A version's stored export, read as the current format: versions recorded before format 2
 * hold version-1 JSON, which is migrated so that diffs and avenants compare like with like.
 * A version in the current format was validated when it was recorded: it is read as is (this
 * runs for every auto version's summary). The stored bytes themselves never change (their
 * sha256 is what was validated or signed).
 */
export function storedConvention(json: string): Convention {
  const stored = JSON.parse(json) as { version?: unknown }
  if (stored.version === CONVENTION_FORMAT_VERSION) return stored as Convention
  const parsed = parseConventionFile(stored)
  if (!parsed.success) throw new Error(`stored version does not read as a convention: ${parsed.error.message}`)
  return parsed.data
}
