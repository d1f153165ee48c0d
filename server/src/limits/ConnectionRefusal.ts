/** Thrown from a hook: Hocuspocus closes the document connection with this code and reason. */
export class ConnectionRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
