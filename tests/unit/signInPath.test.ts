import { describe, expect, it } from 'vitest'
import { formatWait, oidcStartUrl, safeNext, signInPath } from '@ctg/client'

describe('where sign-in leads back to', () => {
  it('keeps paths of this site and refuses other sites', () => {
    expect(safeNext('/c/abc?x=1')).toBe('/c/abc?x=1')
    for (const bad of [
      'https://evil.example',
      '//evil.example/c/1',
      '/\\evil.example',
      'c/1',
      '',
      null,
      '/connexion',
      '/api/me',
    ]) {
      expect(safeNext(bad)).toBe('/')
    }
  })

  it('builds the sign-in and OpenID Connect addresses', () => {
    expect(signInPath('/c/abc')).toBe('/connexion?next=%2Fc%2Fabc')
    expect(signInPath('/')).toBe('/connexion')
    expect(oidcStartUrl('/c/abc')).toBe('/api/auth/oidc/start?next=%2Fc%2Fabc')
  })

  it('says a wait in French', () => {
    expect(formatWait(1)).toBe('1 seconde')
    expect(formatWait(45)).toBe('45 secondes')
    expect(formatWait(287)).toBe('5 minutes')
    expect(formatWait(3600)).toBe('1 heure')
  })
})
