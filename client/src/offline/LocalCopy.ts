import { Y_FRAGMENT_NAME } from '@ctg/shared'
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import type { UnsentStore } from './UnsentChanges.js'

/**
 * The convention's Y.Doc kept in IndexedDB on this device (y-indexeddb), so that it
 * opens and takes edits while the server is unreachable, also after a reload.
 * Every update of the document is stored, whatever its origin. Whether the copy
 * holds changes the server has not acknowledged is a flag in localStorage: it is
 * read synchronously at start, before anything could clear it.
 */
export class LocalCopy implements UnsentStore {
  readonly persistence: IndexeddbPersistence
  /** settles once the stored updates are in the document (or IndexedDB is unavailable) */
  readonly loaded: Promise<void>
  private readonly flagKey: string

  constructor(
    readonly name: string,
    private readonly ydoc: Y.Doc,
  ) {
    this.flagKey = `${name}:unsent`
    this.persistence = new IndexeddbPersistence(name, ydoc)
    // a browser without IndexedDB (some private modes) still edits online
    this.loaded = new Promise((resolve) => {
      void this.persistence.whenSynced.then(() => resolve())
      this.persistence._db.catch(() => resolve())
    })
  }

  get origin(): IndexeddbPersistence {
    return this.persistence
  }

  /** the copy holds content to show: never mount the editor on an empty document, it would seed one */
  get hasContent(): boolean {
    return this.ydoc.getXmlFragment(Y_FRAGMENT_NAME).length > 0
  }

  get holdsUnsent(): boolean {
    return localStorage.getItem(this.flagKey) === '1'
  }

  set holdsUnsent(unsent: boolean) {
    if (unsent) localStorage.setItem(this.flagKey, '1')
    else localStorage.removeItem(this.flagKey)
  }

  /**
   * The scope the server last gave this person on this convention: the editor opens
   * read-only before the server answers (offline, or from this copy) when it was.
   */
  get readOnly(): boolean {
    return localStorage.getItem(`${this.name}:readonly`) === '1'
  }

  set readOnly(readOnly: boolean) {
    if (readOnly) localStorage.setItem(`${this.name}:readonly`, '1')
    else localStorage.removeItem(`${this.name}:readonly`)
  }

  /**
   * Whether the copy holds a change the server refuses (made while read-only): set
   * synchronously before the copy is cleared, so that a page closed in between still
   * clears it on the next opening instead of loading it and sending it again.
   */
  static mustDiscard(name: string): boolean {
    return localStorage.getItem(`${name}:discard`) === '1'
  }

  /** Clears a copy marked by `discard` (or any copy) before it is opened. */
  static async discardByName(name: string): Promise<void> {
    localStorage.setItem(`${name}:discard`, '1')
    localStorage.removeItem(`${name}:unsent`)
    await clearDocument(name)
    localStorage.removeItem(`${name}:discard`)
  }

  /** Forgets the copy and what it holds, to start again from the server's document. */
  async discard(): Promise<void> {
    localStorage.setItem(`${this.name}:discard`, '1')
    this.holdsUnsent = false
    await this.persistence.destroy()
    await LocalCopy.discardByName(this.name)
  }

  /** Forgets the copy: the convention no longer exists on the server. */
  async clear(): Promise<void> {
    this.holdsUnsent = false
    await this.persistence.destroy()
    await clearDocument(this.name)
  }

  destroy(): void {
    void this.persistence.destroy()
  }
}
