import { randomBytes } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'

export interface User {
  id: string
  name: string
  /** the session the token belongs to: signing out ends it (see Sessions) */
  sessionId?: string
  /** when the token stops being accepted */
  expiresAt?: Date
}

const ISSUER = 'ctg-workspace'
const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  sid: z.string().min(16).max(64),
  exp: z.number(),
})

export class InvalidTokenError extends Error {}

/**
 * Signs and verifies the bearer tokens (HS256 JWT) that every request and connection
 * carries. Each token is a session of its own (`sid`); whether it was signed out is for
 * Sessions to check.
 */
export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(user: User, ttlSeconds = this.ttlSeconds): Promise<string> {
    return (await this.issueSession(user, ttlSeconds)).token
  }

  /** A token for a new session, and when it expires. */
  async issueSession(
    user: User,
    ttlSeconds = this.ttlSeconds,
  ): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const issuedAt = Math.floor(Date.now() / 1000)
    const sessionId = randomBytes(18).toString('base64url')
    const token = await new SignJWT({ name: user.name, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(this.secret)
    return { token, sessionId, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) }
  }

  async verify(token: string | undefined | null): Promise<Required<User>> {
    if (!token) throw new InvalidTokenError('missing token')
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] })
      const claims = claimsSchema.parse(payload)
      return { id: claims.sub, name: claims.name, sessionId: claims.sid, expiresAt: new Date(claims.exp * 1000) }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired')
      throw new InvalidTokenError('invalid token')
    }
  }
}
