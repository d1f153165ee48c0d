import { createHash } from 'node:crypto'
import {
  BAG_INFO_VERSION_ID,
  BAG_INFO_VERSION_SHA256,
  BAG_PAYLOAD,
  BAG_TAG_FILES,
  PAYLOAD_MANIFEST,
  TAG_MANIFEST,
  bagFolder,
  conventionJsonSchema,
  conventionJsonSchemaV1,
  formatManifest,
  type Version,
} from '@ctg/shared'
import { storedConvention } from '../../versions/storedConvention.js'
import type { PdfPrinter } from '../pdf/PdfPrinter.js'
import { renderFormat } from '../renderFormat.js'
import { deterministicZip } from '../zip/deterministicZip.js'

export interface ArchiveInput {
  conventionId: string
  version: Version
  /** the version's export in its RFC 8785 form, as stored (its SHA-256 is `version.sha256`) */
  json: string
  /** the versions recorded up to this one, newest first */
  versions: Version[]
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const encode = (text: string) => new TextEncoder().encode(text)
const pretty = (value: unknown) => encode(`${JSON.stringify(value, null, 2)}\n`)

/**
 * The archive of a version: a BagIt bag (RFC 8493) zipped with fixed dates and order, so the
 * same version always gives the same bytes. The payload is the structured JSON exactly as
 * recorded, its JSON Schema, the PDF and the ODT printed from it, its comments and plénières
 * (as the version holds them), and the versions up to it with their hashes.
 */
export async function buildArchive(input: ArchiveInput, printer: PdfPrinter): Promise<Uint8Array> {
  const { version } = input
  // a version recorded in format 1 is printed from its migration; its JSON and schema stay version 1's
  const convention = storedConvention(input.json)
  const schema =
    (JSON.parse(input.json) as { version?: number }).version === 1 ? conventionJsonSchemaV1() : conventionJsonSchema()
  const options = { date: version.createdAt, sha256: version.sha256, documentId: version.id }
  // the ODT is made while Chromium prints the PDF
  const [pdf, odt] = await Promise.all([
    renderFormat('pdf', convention, options, printer),
    renderFormat('odt', convention, options, printer),
  ])
  const payload: Record<(typeof BAG_PAYLOAD)[number], Uint8Array> = {
    'data/convention.json': encode(input.json),
    'data/schema.json': pretty(schema),
    'data/convention.pdf': pdf,
    'data/convention.odt': odt,
    'data/comments.json': pretty({ comments: convention.comments ?? [] }),
    'data/plenaries.json': pretty({ plenaries: convention.plenaries ?? [] }),
    'data/versions.json': pretty({ versions: input.versions }),
  }
  const octets = Object.values(payload).reduce((n, bytes) => n + bytes.length, 0)
  const tags: Record<(typeof BAG_TAG_FILES)[number], Uint8Array> = {
    'bagit.txt': encode('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
    'bag-info.txt': encode(
      [
        'Source-Organization: ctg-workspace',
        `External-Description: Convention Territoriale Globale, version ${version.id}`,
        `Bagging-Date: ${version.createdAt.slice(0, 10)}`,
        `Payload-Oxum: ${octets}.${BAG_PAYLOAD.length}`,
        'Bag-Software-Agent: ctg-workspace',
        `CTG-Convention-Id: ${input.conventionId}`,
        `${BAG_INFO_VERSION_ID}: ${version.id}`,
        `${BAG_INFO_VERSION_SHA256}: ${version.sha256}`,
        `CTG-Version-Created-At: ${version.createdAt}`,
        `CTG-Version-Status: ${version.status}`,
      ].join('\n') + '\n',
    ),
    'manifest-sha256.txt': encode(formatManifest(BAG_PAYLOAD.map((path) => [path, sha256(payload[path])]))),
  }
  const tagManifest = encode(formatManifest(BAG_TAG_FILES.map((path) => [path, sha256(tags[path])])))
  const folder = bagFolder(input.conventionId, version.id)
  return deterministicZip(
    [
      { path: `${folder}/bagit.txt`, data: tags['bagit.txt'] },
      { path: `${folder}/bag-info.txt`, data: tags['bag-info.txt'] },
      ...BAG_PAYLOAD.map((path) => ({ path: `${folder}/${path}`, data: payload[path] })),
      { path: `${folder}/${PAYLOAD_MANIFEST}`, data: tags['manifest-sha256.txt'] },
      { path: `${folder}/${TAG_MANIFEST}`, data: tagManifest },
    ],
    version.createdAt,
  )
}
