import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, isExportFormat, bagFolder, type ExportFormat } from '@ctg/shared'
import type { ConventionService } from '../conventions/ConventionService.js'
import type { ApiRequest, ApiResponse, Route } from '../http/ApiRequest.js'
import { HttpError } from '../http/HttpError.js'
import { requireRole } from '../http/requireRole.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import { versionJson, type VersionService } from '../versions/VersionService.js'
import { attachmentDisposition } from './contentDisposition.js'
import type { ExportProcess } from './process/ExportProcess.js'

const ID = '([\\w-]{1,64})'
const route = (suffix: string) => new RegExp(`^/api/conventions/${ID}${suffix}$`)

function formatOf(request: ApiRequest): ExportFormat {
  const format = request.query.get('format') ?? 'json'
  if (!isExportFormat(format))
    throw new HttpError(
      400,
      'unsupported_format',
      `unsupported format "${format}" (supported: ${EXPORT_FORMATS.join(', ')})`,
    )
  return format
}

function file(format: ExportFormat, title: string, body: Uint8Array | string): ApiResponse {
  const { contentType, extension } = EXPORT_FORMAT_INFO[format]
  return {
    status: 200,
    json: null,
    body,
    headers: { 'Content-Type': contentType, 'Content-Disposition': attachmentDisposition(title, extension) },
  }
}

/**
 * Exports of the convention now or of a version in every format, and the archive of a
 * version (docs/api.md, "Exports and archive"). Documents are made by the export process.
 */
export function exportRoutes(
  conventions: ConventionService,
  versions: VersionService,
  store: ConventionStore,
  exports: ExportProcess,
): Route[] {
  return [
    {
      method: 'GET',
      pattern: route('/export'),
      handler: async (request) => {
        const format = formatOf(request)
        const id = request.params[0]!
        await requireRole(store.members, request, id)
        const summary = await conventions.get(id)
        if (!summary) throw new HttpError(404, 'not_found', 'no such convention')
        await store.activity.append({
          conventionId: id,
          userId: request.user.id,
          userName: request.user.name,
          action: 'exported',
          detail: { format },
        })
        const date = new Date().toISOString()
        // the state and the stores' records only: the structured export (JSON or any document) is
        // assembled and rendered in the export process, never on this thread
        const state = await conventions.state(id)
        if (!state) throw new HttpError(404, 'not_found', 'no such convention')
        const records = await conventions.exportRecords(id)
        const { bytes, title } = await exports.renderLive(format, state, records, { date, documentId: `${id}@${date}` })
        return file(format, title, bytes)
      },
    },
    {
      method: 'GET',
      pattern: route(`/versions/${ID}/export`),
      handler: async (request) => {
        const format = formatOf(request)
        const [id, versionId] = request.params as [string, string]
        await requireRole(store.members, request, id)
        const row = await versions.read(id, versionId)
        // the JSON exactly as recorded (its SHA-256 is the version's), read in the export process like every format
        const { bytes, title } = await exports.render(format, row.json, {
          date: row.createdAt,
          sha256: row.sha256,
          documentId: row.id,
        })
        return file(format, title, bytes)
      },
    },
    {
      method: 'GET',
      pattern: route('/archive'),
      handler: async (request) => {
        const id = request.params[0]!
        await requireRole(store.members, request, id)
        const list = await versions.list(id)
        const requested = request.query.get('version')
        let chosen = requested ? list.find((v) => v.id === requested) : undefined
        if (requested && !chosen) throw new HttpError(404, 'not_found', 'no such version')
        if (!chosen) {
          // the signed text (its latest signature record), else the adopted one
          const lifecycle = await store.versions.lifecycle(id)
          chosen =
            list.find((v) => v.kind === 'status' && v.status === 'signed') ??
            list.find((v) => v.id === lifecycle.adoptedVersionId)
        }
        if (!chosen) throw new HttpError(409, 'not_adopted', 'the convention has no adopted or signed version yet')
        const row = await versions.read(id, chosen.id)
        const upToIt = list.slice(list.indexOf(chosen)).map(versionJson)
        const zip = await exports.archive({
          conventionId: id,
          version: versionJson(row),
          json: row.json,
          versions: upToIt,
        })
        return {
          status: 200,
          json: null,
          body: zip,
          headers: {
            'Content-Type': 'application/zip',
            'Content-Disposition': `attachment; filename="${bagFolder(id, chosen.id)}.zip"`,
          },
        }
      },
    },
  ]
}
