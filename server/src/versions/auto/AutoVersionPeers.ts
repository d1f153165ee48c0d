/** Who last changed a document, as `auto` versions name their author. */
export type VersionAuthor = { id: string; name: string } | null

/**
 * What the processes serving one document agree on for its `auto` versions: whether any
 * connection with write access remains on any process, which process records the version of
 * a window, and whether (and by whom) the document changed since the last one. One process:
 * in memory (`LocalAutoVersionPeers`); several: in Redis (`RedisAutoVersionPeers`).
 */
export interface AutoVersionPeers {
  /** other processes may serve the document too (and store edits this one has not received yet) */
  readonly acrossProcesses: boolean
  /** a connection with write access opened on this process */
  writerJoined(documentName: string, socketId: string): Promise<void>
  /** it closed; true when no connection with write access remains on any process */
  writerLeft(documentName: string, socketId: string): Promise<boolean>
  /**
   * Claims the window of `windowMs` in which this process records the document's version:
   * 0 when claimed, else the milliseconds until the window another process holds ends.
   */
  claimWindow(documentName: string, windowMs: number): Promise<number>
  /** someone on this process changed the document */
  changedBy(documentName: string, author: VersionAuthor): Promise<void>
  /**
   * Whether the document changed since the last call, on any process, and the last person
   * who changed it (`undefined`: no change; the next call answers for later changes only).
   */
  takeChanges(documentName: string): Promise<{ author: VersionAuthor } | undefined>
  close(): Promise<void>
}
