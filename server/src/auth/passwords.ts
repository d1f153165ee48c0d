import { hash, verify } from '@node-rs/argon2'

/**
 * Passwords are hashed with argon2id at OWASP's first recommended setting (19 MiB, 2 passes,
 * 1 lane): about 12 ms here, and memory-hard, so a stolen database is slow to attack on GPUs.
 * (`Algorithm` is a const enum that isolated modules cannot inline: 2 is Argon2id.)
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 200

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID)
}

/** A dummy hash, verified when the account does not exist, so both answers take the same time. */
let dummyHash: Promise<string> | undefined

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await (dummyHash ??= hashPassword('not a password of anybody')), password)
    return false
  }
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
