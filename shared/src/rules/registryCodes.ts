import { THEMES } from '../schema/vocabulary.js'
import { isValidId } from './idRules.js'

/** A SIREN number: nine digits (the official register of French organisations). */
export const SIREN_PATTERN = /^\d{9}$/
/** A commune's INSEE code: five characters, the two of Corsica's départements included (2A, 2B). */
export const INSEE_PATTERN = /^(?:\d{2}|2A|2B)\d{3}$/

export function isSiren(value: unknown): value is string {
  return typeof value === 'string' && SIREN_PATTERN.test(value)
}

export function isInseeCode(value: unknown): value is string {
  return typeof value === 'string' && INSEE_PATTERN.test(value)
}

/**
 * Lists held in one attribute (a choice made as a whole: a fiche's communes, its other
 * themes) are words separated by single spaces.
 */
export function listOf(value: string | null | undefined): string[] {
  return value ? value.split(' ').filter((w) => w !== '') : []
}

export function isIdList(value: unknown): value is string {
  return typeof value === 'string' && listOf(value).every(isValidId) && value.length <= 20_000
}

export function isThemeList(value: unknown): value is string {
  return typeof value === 'string' && listOf(value).every((t) => (THEMES as readonly string[]).includes(t))
}
