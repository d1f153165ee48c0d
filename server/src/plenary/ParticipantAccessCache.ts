import type { StoredParticipant, StoredPlenary } from './PlenaryStore.js'

/** A participant's access as last read from the database, while nothing said it changed. */
export interface CachedAccess {
  participant: StoredParticipant
  plenary: StoredPlenary
}

/** Past this, an entry is read again even if no event came (a safety net, not the mechanism). */
const MAX_AGE_MS = 30_000
const MAX_ENTRIES = 5_000

/**
 * Participants' access (their record, their plénière's, and that its convention was not in the
 * bin) kept in memory, so that a phone's request does not read the database three times. What
 * ends access is only ever announced on the access bus (`closed`, `excluded`, `conventionDeleted`),
 * which reaches every process: each drops the entries concerned when it applies the event, and
 * everything when the bus may have lost events. The end time needs no event: it is checked at
 * each use. A read that started before an event must not store what it saw: the generation
 * taken before the read says whether an event came in between.
 */
export class ParticipantAccessCache {
  private readonly entries = new Map<string, CachedAccess & { at: number }>()
  private generation = 0

  constructor(private readonly now: () => number = Date.now) {}

  get(participantId: string): CachedAccess | undefined {
    const entry = this.entries.get(participantId)
    if (!entry) return undefined
    if (this.now() - entry.at > MAX_AGE_MS) {
      this.entries.delete(participantId)
      return undefined
    }
    return entry
  }

  /** Taken before reading the database; pass it to `set`. */
  mark(): number {
    return this.generation
  }

  set(mark: number, access: CachedAccess): void {
    if (mark !== this.generation) return
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(access.participant.id, { ...access, at: this.now() })
  }

  /** The plénière closed: its participants' entries go. */
  plenaryClosed(plenaryId: string): void {
    this.drop((entry) => entry.plenary.id === plenaryId)
  }

  participantExcluded(participantId: string): void {
    this.generation++
    this.entries.delete(participantId)
  }

  /** Moved to the bin: every plénière of that convention ends. */
  conventionDeleted(conventionId: string): void {
    this.drop((entry) => entry.plenary.conventionId === conventionId)
  }

  /** The bus may have lost events. */
  clear(): void {
    this.generation++
    this.entries.clear()
  }

  private drop(matches: (entry: CachedAccess) => boolean) {
    this.generation++
    for (const [id, entry] of this.entries) if (matches(entry)) this.entries.delete(id)
  }
}
