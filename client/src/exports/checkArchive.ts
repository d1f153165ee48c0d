import { verifyBag, type BagCheck } from '@ctg/shared'
import { unzipSync } from 'fflate'

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * Checks an archive in the browser, as `npm run verify-archive` does: nothing is sent to the
 * server (the file may be large, and the check must not depend on the server that made it).
 */
export async function checkArchive(file: File): Promise<BagCheck | { unreadable: string }> {
  let entries: Map<string, Uint8Array>
  try {
    entries = new Map(Object.entries(unzipSync(new Uint8Array(await file.arrayBuffer()))))
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) }
  }
  return verifyBag(entries, async (bytes) =>
    hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
  )
}
