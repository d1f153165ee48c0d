import { HttpError } from '../http/HttpError.js'
import { KeyedTokenBuckets } from './KeyedTokenBuckets.js'

/**
 * Password guessing is slowed per client address and per account: only failed attempts
 * count, so a person who types their password right is never held back. Each attempt
 * is charged up front and refunded on success, so parallel guesses cannot all slip in
 * while the first ones are being checked. Per account, 5
 * failures then one a minute (a guess of a 12-character password is hopeless at that
 * pace); per address, 30 then one every 20 seconds (a whole office behind one NAT still
 * signs in).
 */
export class LoginLimits {
  private readonly byAddress: KeyedTokenBuckets
  private readonly byAccount: KeyedTokenBuckets

  constructor(options: { failuresPerAddress: number; failuresPerAccount: number }) {
    this.byAddress = new KeyedTokenBuckets(options.failuresPerAddress, 1 / 20)
    this.byAccount = new KeyedTokenBuckets(options.failuresPerAccount, 1 / 60)
  }

  /** Refuses with 429 while either limit is reached; the caller reports a success. */
  attempt(address: string, email: string): { succeeded(): void } {
    const wait = Math.max(this.byAddress.secondsUntil(address), this.byAccount.secondsUntil(email))
    if (wait > 0) {
      throw new HttpError(
        429,
        'too_many_attempts',
        'too many failed sign-in attempts: try again later',
        undefined,
        Math.ceil(wait),
      )
    }
    this.byAddress.spend(address, 1)
    this.byAccount.spend(email, 1)
    return {
      succeeded: () => {
        this.byAddress.spend(address, -1)
        this.byAccount.spend(email, -1)
      },
    }
  }
}
