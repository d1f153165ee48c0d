import {
  parseConventionFile,
  type AmendedNumbers,
  type Amends,
  type Convention,
  type ConventionChange,
  type ConventionStatus,
  type Version,
} from '@ctg/shared'
import { request } from '../api/apiClient.js'

const base = (conventionId: string) => `/api/conventions/${encodeURIComponent(conventionId)}`
const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T

/** The versions routes (docs/api.md, "Versions"). */
export const versionsApi = {
  list: (id: string) => json<{ versions: Version[] }>(request(`${base(id)}/versions`)).then((r) => r.versions),
  name: (id: string, name: string) =>
    json<{ version: Version }>(request(`${base(id)}/versions`, { method: 'POST', body: JSON.stringify({ name }) })),
  /** a version's text, in today's format (versions recorded before format 2 are migrated) */
  exportOf: async (id: string, versionId: string) =>
    asCurrentFormat(
      await json<unknown>(request(`${base(id)}/versions/${encodeURIComponent(versionId)}/export?format=json`)),
    ),
  current: (id: string) => json<Convention>(request(`${base(id)}/export?format=json`)),
  restore: (id: string, versionId: string) =>
    json<{ version: Version }>(
      request(`${base(id)}/versions/${encodeURIComponent(versionId)}/restore`, { method: 'POST' }),
    ),
  diff: (id: string, from: string, to: string) =>
    json<{ changes: ConventionChange[] }>(
      request(`${base(id)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    ).then((r) => r.changes),
  setStatus: (id: string, status: Exclude<ConventionStatus, 'draft'>) =>
    json<{ status: ConventionStatus; version: Version }>(
      request(`${base(id)}/status`, { method: 'POST', body: JSON.stringify({ status }) }),
    ),
  startAvenant: (id: string) => json<{ id: string }>(request(`${base(id)}/avenants`, { method: 'POST' })),
  numbering: (id: string) => json<AmendedNumbers & { amends: Amends | null }>(request(`${base(id)}/numbering`)),
}

function asCurrentFormat(stored: unknown): Convention {
  const parsed = parseConventionFile(stored)
  if (!parsed.success) throw new Error('Cette version n’a pas pu être lue.')
  return parsed.data
}
