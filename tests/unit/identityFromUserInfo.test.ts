import { identityFromUserInfo, UnusableIdentityError } from '@ctg/server'
import { describe, expect, it } from 'vitest'

describe('identityFromUserInfo', () => {
  it('names a ProConnect agent from given_name and usual_name', () => {
    const claims = { sub: 's1', email: 'a.roux@caf.fr', given_name: 'Amélie Jeanne', usual_name: 'Roux', siret: '1' }
    expect(identityFromUserInfo(claims)).toEqual({ subject: 's1', email: 'a.roux@caf.fr', name: 'Amélie Jeanne Roux' })
  })

  it('falls back to name, then to the e-mail', () => {
    expect(identityFromUserInfo({ sub: 's', email: 'x@y.fr', name: 'X Y' }).name).toBe('X Y')
    expect(identityFromUserInfo({ sub: 's', email: 'x@y.fr' }).name).toBe('x@y.fr')
  })

  it.each<[Record<string, unknown>, string]>([
    [{ sub: 's' }, 'no e-mail'],
    [{ sub: 's', email: 'not an address' }, 'an invalid e-mail'],
    [{ sub: 's', email: 'x@y.fr', email_verified: false }, 'an e-mail the provider did not verify'],
    [{ email: 'x@y.fr' }, 'no subject'],
  ])('refuses %j (%s)', (claims, _why) => {
    expect(() => identityFromUserInfo(claims)).toThrow(UnusableIdentityError)
  })
})
