import type { Connection } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'

/** Hocuspocus's message type of an acknowledgement (SyncStatus). */
const SYNC_STATUS = 8

function isSyncStatus(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame)
    decoding.readVarString(decoder)
    return decoding.readVarUint(decoder) === SYNC_STATUS
  } catch {
    return false
  }
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
