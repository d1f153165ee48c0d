import type { afterStoreDocumentPayload, Extension } from '@hocuspocus/server'

/** The stateless message clients receive when their document has been written to storage. */
export interface SavedMessage {
  type: 'saved'
  /** ISO date of the write */
  at: string
}

/**
 * Tells every client of a document when it has reached storage, so the
 * interface can say "Enregistré" only once it is true (acknowledged ≠ stored).
 */
export class SaveNotifier implements Extension {
  extensionName = 'SaveNotifier'

  async afterStoreDocument({ document }: afterStoreDocumentPayload) {
    const message: SavedMessage = { type: 'saved', at: new Date().toISOString() }
    document.broadcastStateless(JSON.stringify(message))
  }
}
