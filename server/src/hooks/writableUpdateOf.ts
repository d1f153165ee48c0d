import type { beforeSyncPayload } from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'

/** An encoded update with no structs and no deletions. */
export const EMPTY_UPDATE_BYTES = 2

/**
 * The update a sync message asks the server to apply, or null when there is nothing to
 * check or store: a sync step 1, an empty update, or a read-only connection (Hocuspocus
 * refuses its updates itself).
 */
export function writableUpdateOf({ type, payload, connection }: beforeSyncPayload): Uint8Array | null {
  if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return null
  if (connection.readOnly || payload.byteLength <= EMPTY_UPDATE_BYTES) return null
  return payload
}
