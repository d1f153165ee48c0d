import { localCopyPrefix } from './localCopyName.js'

/** LocalCopy's flag key ends so: the copy holds changes the server has not acknowledged. */
const UNSENT_SUFFIX = ':unsent'

/** How many of this person's copies on this device hold changes the server has not acknowledged. */
export function unsentCopies(userId: string): number {
  const prefix = localCopyPrefix(userId)
  return storageKeys().filter((key) => key.startsWith(prefix) && key.endsWith(UNSENT_SUFFIX)).length
}

/**
 * Deletes every convention this person kept on this device, with their flags: officers
 * share computers, and the next person must not find the last one's conventions.
 * A database still open (the editor being closed) is deleted once it closes.
 */
export async function clearLocalCopies(userId: string): Promise<void> {
  const prefix = localCopyPrefix(userId)
  for (const key of storageKeys()) if (key.startsWith(prefix)) localStorage.removeItem(key)
  const databases = (await indexedDB.databases?.().catch(() => [])) ?? []
  await Promise.all(databases.flatMap(({ name }) => (name?.startsWith(prefix) ? [deleteDatabase(name)] : [])))
}

function storageKeys(): string[] {
  return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
    (key): key is string => key !== null,
  )
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
  })
}
