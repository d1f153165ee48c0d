import { safeNextPath } from '@ctg/server'
import { describe, expect, it } from 'vitest'

describe('safeNextPath', () => {
  it.each([
    ['/c/c-123', '/c/c-123'],
    ['/c/c-123?onglet=activite', '/c/c-123?onglet=activite'],
    ['/c/c-123#jeton=old', '/c/c-123'],
    ['/', '/'],
  ])('keeps the path %s on this site', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected)
  })

  it.each([
    null,
    '',
    'c/123',
    '//evil.example/c',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/c\n/x',
  ])('turns %j into /', (next) => {
    expect(safeNextPath(next)).toBe('/')
  })
})
