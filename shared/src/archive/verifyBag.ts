import canonicalize from 'canonicalize'
import {
  BAG_INFO_VERSION_ID,
  BAG_INFO_VERSION_SHA256,
  BAG_PAYLOAD,
  BAG_TAG_FILES,
  PAYLOAD_MANIFEST,
  TAG_MANIFEST,
  parseBagInfo,
  parseManifest,
} from './bagLayout.js'

export type BagProblemKind = 'altered' | 'missing' | 'extra'

/** One altered, missing or extra file, by its path inside the bag (`data/convention.pdf`). */
export interface BagProblem {
  kind: BagProblemKind
  path: string
  /** why, in French */
  detail: string
}

export interface BagCheck {
  valid: boolean
  /** the bag's folder, when one was found */
  folder: string | null
  versionId: string | null
  sha256: string | null
  problems: BagProblem[]
}

const KIND_LABELS: Record<BagProblemKind, string> = { altered: 'altéré', missing: 'manquant', extra: 'en trop' }

/** "altéré : data/convention.pdf (…)": one line per problem, as the CLI and the web page say it. */
export function describeBagProblem(problem: BagProblem): string {
  return `${KIND_LABELS[problem.kind]} : ${problem.path} (${problem.detail})`
}

// WHATWG text codecs are globals in browsers and in Node 22; typed here because `shared` loads
// neither the DOM nor the Node types (see randomBytes.ts)
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string }
declare const TextEncoder: new () => { encode(text: string): Uint8Array }

const decoder = new TextDecoder('utf-8', { fatal: false })
const encoder = new TextEncoder()

/**
 * Checks an unzipped archive (entry name → bytes) against its manifests and the convention's
 * RFC 8785 hash against the version's recorded `sha256` (bag-info.txt and versions.json).
 * `sha256` hashes bytes (node:crypto on the server, SubtleCrypto in the browser): it works offline.
 */
export async function verifyBag(
  entries: Map<string, Uint8Array>,
  sha256: (bytes: Uint8Array) => Promise<string>,
): Promise<BagCheck> {
  const files = [...entries.keys()].filter((name) => !name.endsWith('/'))
  const roots = new Set(files.map((name) => name.split('/')[0]!))
  const folder = files.find((name) => /^[^/]+\/bagit\.txt$/.test(name))?.split('/')[0] ?? null
  const problems: BagProblem[] = []
  const flagged = new Set<string>()
  const report = (kind: BagProblemKind, path: string, detail: string) => {
    if (flagged.has(path)) return
    flagged.add(path)
    problems.push({ kind, path, detail })
  }
  if (!folder) {
    report('missing', 'bagit.txt', 'aucun dossier de sac BagIt dans l’archive')
    return { valid: false, folder, versionId: null, sha256: null, problems }
  }
  for (const name of files) if (!name.startsWith(`${folder}/`)) report('extra', name, 'hors du dossier du sac')
  if (roots.size > 1 && !problems.length) report('extra', [...roots].join(', '), 'plusieurs dossiers')

  const inBag = new Map<string, Uint8Array>()
  for (const name of files)
    if (name.startsWith(`${folder}/`)) inBag.set(name.slice(folder.length + 1), entries.get(name)!)
  const text = (path: string) => {
    const bytes = inBag.get(path)
    return bytes ? decoder.decode(bytes) : null
  }

  const checkManifest = async (
    manifestPath: string,
    expected: readonly string[],
    covers: (path: string) => boolean,
  ) => {
    const manifestText = text(manifestPath)
    if (manifestText === null) {
      report('missing', manifestPath, 'manifeste absent')
      return
    }
    const manifest = parseManifest(manifestText)
    for (const path of expected) if (!manifest.has(path)) report('missing', path, `absent de ${manifestPath}`)
    for (const [path, hash] of manifest) {
      const bytes = inBag.get(path)
      if (!bytes) report('missing', path, `listé dans ${manifestPath} mais absent de l’archive`)
      else if ((await sha256(bytes)) !== hash)
        report('altered', path, `empreinte SHA-256 différente de ${manifestPath}`)
    }
    for (const path of inBag.keys())
      if (covers(path) && !manifest.has(path)) report('extra', path, `absent de ${manifestPath}`)
  }
  await checkManifest(PAYLOAD_MANIFEST, BAG_PAYLOAD, (path) => path.startsWith('data/'))
  await checkManifest(TAG_MANIFEST, BAG_TAG_FILES, (path) => !path.startsWith('data/') && path !== TAG_MANIFEST)

  // the convention itself against the hash its version recorded
  const info = parseBagInfo(text('bag-info.txt') ?? '')
  const versionId = info.get(BAG_INFO_VERSION_ID) ?? null
  const recorded = info.get(BAG_INFO_VERSION_SHA256)?.toLowerCase() ?? null
  if (!recorded) report('altered', 'bag-info.txt', `${BAG_INFO_VERSION_SHA256} absent`)
  const conventionText = text('data/convention.json')
  if (conventionText !== null && recorded) {
    let canonical: string | undefined
    try {
      canonical = canonicalize(JSON.parse(conventionText))
    } catch {
      canonical = undefined
    }
    if (canonical === undefined) report('altered', 'data/convention.json', 'JSON illisible')
    else if ((await sha256(encoder.encode(canonical))) !== recorded)
      report('altered', 'data/convention.json', `son empreinte RFC 8785 n’est pas ${BAG_INFO_VERSION_SHA256}`)
  }
  const versionsText = text('data/versions.json')
  if (versionsText !== null && versionId && recorded) {
    const listed = readVersions(versionsText).find((v) => v.id === versionId)
    if (!listed || listed.sha256 !== recorded)
      report('altered', 'data/versions.json', `la version ${versionId} n’y a pas l’empreinte ${recorded}`)
  }
  return { valid: problems.length === 0, folder, versionId, sha256: recorded, problems }
}

function readVersions(json: string): { id: string; sha256: string }[] {
  try {
    const parsed = JSON.parse(json) as { versions?: { id: string; sha256: string }[] }
    return Array.isArray(parsed.versions) ? parsed.versions : []
  } catch {
    return []
  }
}
