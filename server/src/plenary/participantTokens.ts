import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { PARTICIPANT_TOKEN_PREFIX } from '@ctg/shared'

/**
 * A participant's credential: `ctgp_<participantId>.<secret>`, random, stored as the
 * sha256 of its secret. It names its participant, who belongs to one plénière; whether it
 * still opens anything (excluded, closed) is for the database to say at each use.
 */
export function createParticipantToken(participantId: string): { token: string; hash: string } {
  const secret = randomBytes(24).toString('base64url')
  return { token: `${PARTICIPANT_TOKEN_PREFIX}${participantId}.${secret}`, hash: hashSecret(secret) }
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

const TOKEN = new RegExp(`^${PARTICIPANT_TOKEN_PREFIX}([a-z0-9-]{1,64})\\.([A-Za-z0-9_-]{32})$`)

/** The participant id a token names, or null when it is not shaped like one. */
export function parseParticipantToken(
  token: string | null | undefined,
): { participantId: string; secret: string } | null {
  const match = TOKEN.exec(token ?? '')
  return match ? { participantId: match[1]!, secret: match[2]! } : null
}

export function secretMatches(secret: string, hash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex')
  const stored = Buffer.from(hash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

export const isParticipantToken = (token: string | null | undefined) =>
  typeof token === 'string' && token.startsWith(PARTICIPANT_TOKEN_PREFIX)
