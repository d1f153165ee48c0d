import type { User } from '@ctg/shared'

const STORAGE_KEY = 'ctg.user'

/**
 * Who the stored token belongs to, as /api/me last said. Without network the app
 * starts with it, so a reloaded page still opens this person's local copies; the
 * server checks the token itself when it is reachable again.
 */
export function rememberedUser(): User | null {
  try {
    const user = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<User> | null
    if (typeof user?.id !== 'string' || typeof user.name !== 'string') return null
    return { id: user.id, name: user.name, email: typeof user.email === 'string' ? user.email : null }
  } catch {
    return null
  }
}

export function rememberUser(user: User): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: user.id, name: user.name, email: user.email ?? null }))
}

export function forgetUser(): void {
  localStorage.removeItem(STORAGE_KEY)
}
