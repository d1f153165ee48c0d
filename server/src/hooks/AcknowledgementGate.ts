import type { Connection } from '@hocuspocus/server'

/** Hocuspocus's message type of an acknowledgement (SyncStatus). */
const SYNC_STATUS = 8

/**
 * Reads only the frame's type, after the message address (a varint length, then the string),
 * without decoding anything: every frame the connection is sent goes through here. A varint
 * whose first byte is 8 is 8.
 */
function isSyncStatus(frame: Uint8Array): boolean {
  let length = 0
  let pos = 0
  for (let shift = 0; ; shift += 7) {
    const byte = frame[pos++]
    if (byte === undefined || shift > 28) return false
    length += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) break
  }
  return frame[pos + length] === SYNC_STATUS
}

const gates = new WeakMap<Connection, AcknowledgementGate>()

/**
 * Holds a connection's acknowledgements (SyncStatus frames) until the commits of the updates
 * it sent so far are done, in order, while every other frame goes out at once. Hocuspocus
 * applies, broadcasts and acknowledges an update in one step after `beforeSync`; this lets it
 * broadcast without waiting for the disk, and the writer still learns "saved" only once it is.
 * A commit that fails holds the acknowledgements for good (Persistence closes the socket).
 */
export class AcknowledgementGate {
  private commits: Promise<unknown> = Promise.resolve()
  private acknowledgements: Promise<void> = Promise.resolve()

  private constructor(connection: Connection) {
    const send = connection.send.bind(connection)
    connection.send = (frame: Uint8Array) => {
      if (!isSyncStatus(frame)) return send(frame)
      const stored = this.commits
      // a failed commit leaves this frame unsent, handled (no unhandled rejection)
      this.acknowledgements = this.acknowledgements.then(() => stored.then(() => send(frame)).catch(() => undefined))
    }
  }

  static of(connection: Connection): AcknowledgementGate {
    let gate = gates.get(connection)
    if (!gate) {
      gate = new AcknowledgementGate(connection)
      gates.set(connection, gate)
    }
    return gate
  }

  /** The acknowledgements sent from now on wait for `commit` too. */
  holdUntil(commit: Promise<unknown>): void {
    this.commits = Promise.all([this.commits, commit])
    // its failure is Persistence's to report; here it only keeps the frames back
    this.commits.catch(() => undefined)
  }
}
