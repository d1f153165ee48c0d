import { api } from '../api/apiClient.js'

/** A file name from the title: no characters that file systems refuse. */
export function fileNameFor(title: string): string {
  const safe = title
    // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
  return `${safe || 'convention'}.json`
}

/** Downloads the structured export; fetched first because the request needs the token header. */
export async function downloadConventionJson(id: string, title: string): Promise<void> {
  const blob = await api.exportConvention(id)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileNameFor(title)
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
