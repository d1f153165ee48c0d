import type { Connection, Document } from '@hocuspocus/server'
import type * as Y from 'yjs'

/** The server's own hold on one document, while it changes it. */
export interface LiveEditor {
  readonly document: Y.Doc
  /** Runs `edit` in one transaction; resolves with what it returned and the updates it made (to be stored). */
  transact<T>(edit: (doc: Y.Doc) => T): Promise<{ result: T; updates: Uint8Array[] }>
}

/**
 * What the services (conventions, comments, plénière, versions, live access) need of the
 * documents held in memory, without the Hocuspocus server itself: they read and change
 * documents and reach their connections, they do not configure or stop the server.
 */
export interface LiveDocuments {
  /** The documents loaded (someone has them open), by name. */
  readonly loaded: ReadonlyMap<string, Document>
  /**
   * Holds the document (loaded from storage if nobody has it open) while `use` changes it on the
   * server's behalf (not bound by read-only); then lets go, keeping it in memory a moment.
   */
  edit<T>(name: string, context: object, use: (editor: LiveEditor) => Promise<T>): Promise<T>
  /**
   * Sends a stateless message to this process's connections to the document (those `to`
   * accepts), if it is loaded; an event of the access bus reaches every process, each relays it.
   */
  relayStateless(name: string, payload: string, to?: (connection: Connection) => boolean): void
}
