import { z } from 'zod'
import type { OidcIdentity } from '../../storage/AccountStore.js'

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const email = z.email().max(254)

export class UnusableIdentityError extends Error {
  override name = 'UnusableIdentityError'
}

/**
 * The person as the provider's userinfo describes them. ProConnect gives `given_name` and
 * `usual_name` (the family name in use); other providers give `name`.
 */
export function identityFromUserInfo(claims: Record<string, unknown>): OidcIdentity {
  const subject = text(claims.sub)
  if (!subject) throw new UnusableIdentityError('userinfo has no sub')
  const address = email.safeParse(text(claims.email))
  if (!address.success) throw new UnusableIdentityError('userinfo has no valid e-mail')
  // ProConnect's e-mails are checked by the provider and say nothing; refuse only an explicit "not verified"
  if (claims.email_verified === false) throw new UnusableIdentityError('the provider says the e-mail is not verified')
  const fullName = [text(claims.given_name), text(claims.usual_name) || text(claims.family_name)]
    .filter(Boolean)
    .join(' ')
  const name = (fullName || text(claims.name) || address.data).slice(0, 200)
  return { subject, email: address.data, name }
}
