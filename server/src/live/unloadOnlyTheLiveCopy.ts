import { Hocuspocus, type Document } from '@hocuspocus/server'

let patched = false

/**
 * Hocuspocus's `unloadDocument` finds the document to remove by name: unloading a copy that is
 * no longer the live one (a connection left on it by a race, see LiveDocumentGuard) would remove
 * the live copy from the server's map, so the next newcomer would load a third copy while the
 * live one's connections stay on it, and the extensions' `afterUnloadDocument` (keyed by name)
 * would drop the live copy's state. Such a copy is only destroyed once its last connection
 * leaves: every update it took was stored as it came, nothing of it needs storing. Patched once
 * per process, on the class.
 */
export function unloadOnlyTheLiveCopy() {
  if (patched) return
  patched = true
  const hocuspocus = Hocuspocus.prototype as unknown as {
    documents: Map<string, Document>
    unloadDocument(this: Hocuspocus, document: Document): Promise<void>
  }
  const unload = hocuspocus.unloadDocument
  hocuspocus.unloadDocument = async function (this: Hocuspocus, document: Document) {
    const live = this.documents.get(document.name)
    if (live && live !== document) {
      if (document.getConnectionsCount() === 0 && !document.isDestroyed) document.destroy()
      return
    }
    return unload.call(this, document)
  }
}
