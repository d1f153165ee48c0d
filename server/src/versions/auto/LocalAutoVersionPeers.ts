import type { AutoVersionPeers, VersionAuthor } from './AutoVersionPeers.js'

/** One process serves every document: its own connections are all there is. */
export class LocalAutoVersionPeers implements AutoVersionPeers {
  readonly acrossProcesses = false
  private readonly writers = new Map<string, Set<string>>()
  private readonly changes = new Map<string, { author: VersionAuthor }>()

  async writerJoined(documentName: string, socketId: string) {
    const sockets = this.writers.get(documentName) ?? new Set<string>()
    sockets.add(socketId)
    this.writers.set(documentName, sockets)
  }

  async writerLeft(documentName: string, socketId: string) {
    const sockets = this.writers.get(documentName)
    sockets?.delete(socketId)
    if (sockets?.size) return false
    this.writers.delete(documentName)
    return true
  }

  async claimWindow() {
    return 0
  }

  async changedBy(documentName: string, author: VersionAuthor) {
    const previous = this.changes.get(documentName)
    this.changes.set(documentName, { author: author ?? previous?.author ?? null })
  }

  async takeChanges(documentName: string) {
    const changes = this.changes.get(documentName)
    this.changes.delete(documentName)
    return changes
  }

  async close() {}
}
