import { randomBytes } from '../randomBytes.js'

/** The characters of a plénière's code: no 0/O, 1/I/L, so that it reads well from a wall. */
export const PLENARY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const PLENARY_CODE_LENGTH = 6

/** A random code (crypto.getRandomValues, rejection sampling: every character equally likely). */
export function createPlenaryCode(): string {
  const n = PLENARY_CODE_ALPHABET.length
  const limit = 256 - (256 % n)
  let code = ''
  while (code.length < PLENARY_CODE_LENGTH) {
    const bytes = randomBytes(16)
    for (const b of bytes) {
      if (b < limit && code.length < PLENARY_CODE_LENGTH) code += PLENARY_CODE_ALPHABET[b % n]
    }
  }
  return code
}

/** The code as stored (upper case), or null when it cannot be one: codes are looked up without regard to case. */
export function normalisePlenaryCode(input: string): string | null {
  const code = input.trim().toUpperCase()
  if (code.length !== PLENARY_CODE_LENGTH) return null
  for (const c of code) if (!PLENARY_CODE_ALPHABET.includes(c)) return null
  return code
}
