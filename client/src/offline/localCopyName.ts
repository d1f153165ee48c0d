/**
 * The IndexedDB database that keeps one convention for one person on this device.
 * IndexedDB is already separate per origin (scheme, host and port of the server),
 * so the name only has to tell people and conventions apart: two accounts signed in
 * one after the other in the same browser never read or send each other's edits.
 */
export function localCopyName(userId: string, conventionId: string): string {
  return `${localCopyPrefix(userId)}${conventionId}`
}

/** What the names of one person's copies start with (sign-out clears them all). */
export function localCopyPrefix(userId: string): string {
  return `ctg-convention:${encodeURIComponent(userId)}:`
}
