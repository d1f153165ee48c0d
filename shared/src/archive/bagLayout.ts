/**
 * The archive of a version: a BagIt bag (RFC 8493) in a ZIP, one top-level folder.
 * Declared once for the server that builds it and the verifiers (CLI and web page).
 */

/** The payload, in the order the ZIP holds it. */
export const BAG_PAYLOAD = [
  'data/convention.json',
  'data/schema.json',
  'data/convention.pdf',
  'data/convention.odt',
  'data/comments.json',
  'data/plenaries.json',
  'data/versions.json',
] as const

/** Tag files that `tagmanifest-sha256.txt` lists (every tag file but itself). */
export const BAG_TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'] as const
export const TAG_MANIFEST = 'tagmanifest-sha256.txt'
export const PAYLOAD_MANIFEST = 'manifest-sha256.txt'

/** `bag-info.txt` labels that tie the bag to its version. */
export const BAG_INFO_VERSION_ID = 'CTG-Version-Id'
export const BAG_INFO_VERSION_SHA256 = 'CTG-Version-Sha256'

export const bagFolder = (conventionId: string, versionId: string) => `ctg-${conventionId}-${versionId}`

/** `label: value` lines of bag-info.txt (RFC 8493 §2.2.2; continuation lines start with white space). */
export function parseBagInfo(text: string): Map<string, string> {
  const info = new Map<string, string>()
  let last: string | null = null
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) info.set(last, `${info.get(last)} ${line.trim()}`)
    else {
      const colon = line.indexOf(':')
      if (colon <= 0) continue
      last = line.slice(0, colon).trim()
      info.set(last, line.slice(colon + 1).trim())
    }
  }
  return info
}

/** `<sha256>  <path>` lines of a manifest (RFC 8493 §2.1.3), path → hash. */
export function parseManifest(text: string): Map<string, string> {
  const entries = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(line)
    if (match) entries.set(decodeURIComponent(match[2]!), match[1]!.toLowerCase())
  }
  return entries
}

/** A manifest's text for `files` (path → hash), in the given order. */
export function formatManifest(files: [path: string, sha256: string][]): string {
  return files.map(([path, hash]) => `${hash}  ${path}\n`).join('')
}
