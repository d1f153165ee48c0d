import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'

export interface User {
  id: string
  name: string
  /** the signed-in session the token belongs to (sign-out closes its connections) */
  sessionId?: string
}

const ISSUER = 'ctg-workspace'
const claimsSchema = z.object({ sub: z.string().min(1).max(200), name: z.string().min(1).max(200) })

export class InvalidTokenError extends Error {}

/** Signs and verifies the bearer tokens (HS256 JWT) that every request and connection carries. */
export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(user: User, ttlSeconds = this.ttlSeconds): Promise<string> {
    return new SignJWT({ name: user.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.secret)
  }

  async verify(token: string | undefined | null): Promise<User> {
    if (!token) throw new InvalidTokenError('missing token')
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] })
      const claims = claimsSchema.parse(payload)
      return { id: claims.sub, name: claims.name }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired')
      throw new InvalidTokenError('invalid token')
    }
  }
}
