/**
 * Whether this browser joined the plénière of this code (the cookie itself cannot be read):
 * a refusal then means the participant was excluded, rather than that they never joined.
 */
const key = (code: string) => `ctg-plenary-joined:${code.toUpperCase()}`

export function markJoined(code: string, participantId: string): void {
  try {
    localStorage.setItem(key(code), participantId)
  } catch {
    // private browsing: the page still works, it only says less after a refusal
  }
}

export function joinedHere(code: string): boolean {
  try {
    return localStorage.getItem(key(code)) !== null
  } catch {
    return false
  }
}
