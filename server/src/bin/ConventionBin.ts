import type { BinnedConvention } from '@ctg/shared'
import type { LiveAccess } from '../access/LiveAccess.js'
import type { User } from '../auth/tokens.js'
import type { Logger } from '../logger.js'
import type { ConventionStore } from '../storage/ConventionStore.js'

const DAY_MS = 24 * 3600 * 1000

/**
 * Moving conventions to the bin, restoring them, and purging them once they have been
 * there `BIN_RETENTION_DAYS`. Binning is a flag in storage: nothing is deleted until the
 * purge, which takes the document, its log, memberships, invitations and activity at once.
 */
export class ConventionBin {
  constructor(
    private readonly store: ConventionStore,
    private readonly live: LiveAccess,
    /** BIN_RETENTION_DAYS */
    readonly retentionDays: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Moves it to the bin; then every process closes its connections (4410). False when it
   * was already there.
   */
  async moveToBin(conventionId: string, user: User): Promise<boolean> {
    if (!(await this.store.bin.moveToBin(conventionId, user))) return false
    await this.live.conventionDeleted(conventionId)
    return true
  }

  /** Takes it out of the bin: everything answers as before. False when it was not there. */
  async restore(conventionId: string, user: User): Promise<boolean> {
    if (!(await this.store.bin.restore(conventionId, user))) return false
    return true
  }

  /** The binned conventions `userId` owns, each with the date it will be purged. */
  async ownedBy(userId: string): Promise<BinnedConvention[]> {
    return (await this.store.bin.ownedBy(userId)).map((c) => ({ ...c, purgeAt: this.purgeAt(c.deletedAt) }))
  }

  purgeAt(deletedAt: string): string {
    return new Date(Date.parse(deletedAt) + this.retentionDays * DAY_MS).toISOString()
  }

  /** Deletes for good what has been in the bin longer than the retention; the ids purged. */
  async purgeExpired(): Promise<string[]> {
    const purged = await this.store.bin.purge(new Date(Date.now() - this.retentionDays * DAY_MS))
    if (purged.length > 0) this.logger.info(`bin: purged ${purged.length} convention(s): ${purged.join(', ')}`)
    return purged
  }
}
