import type { AuthOptions } from '@ctg/shared'
import { useEffect, useState } from 'react'
import { api } from '../api/apiClient.js'

/** Until the server answers (or when it cannot), the password form alone. */
const PASSWORD_ONLY: AuthOptions = { password: true, oidc: null }

/** How this server lets people sign in: password, an OpenID Connect provider, or both. */
export function useAuthOptions(): AuthOptions {
  const [options, setOptions] = useState<AuthOptions>(PASSWORD_ONLY)
  useEffect(() => {
    let cancelled = false
    api.authOptions().then(
      (answer) => !cancelled && setOptions(answer),
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [])
  return options
}
