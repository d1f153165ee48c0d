/**
 * What UpdateGuard's check found a client's update will make the document integrate, for
 * Persistence to store instead of the update as sent: a part that waits for changes the
 * server does not have is not in the document, so it is not stored either (stored, it came
 * back at the next load although the document had dropped it, and the file then held what
 * no client and no live document held). It is stored with the update that brings its
 * dependencies, which integrates it. Keyed by the update's bytes: Hocuspocus hands the
 * same array to both hooks.
 */
export class CheckedUpdates {
  private readonly integrated = new WeakMap<Uint8Array, Uint8Array>()
  private readonly commits = new Map<string, Promise<unknown>>()
  /** Persistence's append, for an edit that waited and integrated later (see `integratedLater`) */
  private append: ((documentName: string, update: Uint8Array, userId: string | null) => Promise<unknown>) | undefined

  /** Persistence hands its append over once (it owns the log). */
  appendWith(append: (documentName: string, update: Uint8Array, userId: string | null) => Promise<unknown>): void {
    this.append = append
  }

  /**
   * An edit that waited for its dependencies is now in the document: it is stored again, as it
   * came, before its sender is told it is saved. The update that brought the dependencies was
   * stored with what the check saw it integrate, which should hold the edit; chaos seed 35 (under
   * load) ended with such an edit acknowledged, in the live document and not in the file, so the
   * acknowledgement no longer rests on that record. Storing an update twice changes nothing.
   */
  integratedLater(documentName: string, update: Uint8Array, userId: string | null): void {
    if (this.append) this.storing(documentName, this.append(documentName, update, userId))
  }

  /** The check of `update` found that the document will integrate `integrated`. */
  checked(update: Uint8Array, integrated: Uint8Array): void {
    this.integrated.set(update, integrated)
  }

  /** What to store of `update`: what the check saw integrate, or the update itself when it was not checked here. */
  storable(update: Uint8Array): Uint8Array {
    return this.integrated.get(update) ?? update
  }

  /** Persistence started storing a change of the document. */
  storing(documentName: string, commit: Promise<unknown>): void {
    const all = Promise.all([this.commits.get(documentName), commit])
    all.catch(() => undefined)
    this.commits.set(documentName, all)
  }

  /** Resolves once every change of the document Persistence started storing so far is stored. */
  stored(documentName: string): Promise<unknown> {
    return this.commits.get(documentName) ?? Promise.resolve()
  }

  forget(documentName: string): void {
    this.commits.delete(documentName)
  }
}
