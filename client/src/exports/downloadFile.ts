import { request } from '../api/apiClient.js'

/** The file name the server gave (`filename*` of Content-Disposition, else `filename`). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1]
  if (encoded) return decodeURIComponent(encoded)
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback
}

/** Downloads an export or an archive; a refusal (409 not_adopted…) is thrown as an ApiError to show. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await request(path)
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileNameOf(response.headers.get('Content-Disposition'), fallbackName)
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
