import { CONVENTION_DELETED_ERROR, type Issue } from '@ctg/shared'

/** An error answered by the API (`{ error: { code, message, issues? } }`), or a network failure. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly issues: Issue[]
  /** seconds to wait before trying again (429) */
  readonly retryAfter: number | null
  /** the whole `error` object of the answer (`convention_deleted`: `deletedAt`, `deletedBy`) */
  readonly details: Record<string, unknown>

  constructor(
    status: number,
    code: string,
    message: string,
    issues: Issue[] = [],
    retryAfter: number | null = null,
    details: Record<string, unknown> = {},
  ) {
    super(message)
    this.details = details
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.issues = issues
    this.retryAfter = retryAfter
  }

  /** A sentence for the interface, in French, whatever went wrong. */
  get userMessage(): string {
    if (this.status === 0) return 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.'
    if (this.status === 413) return 'Le fichier est trop volumineux pour être importé.'
    if (this.status === 404) return this.message || 'Cette convention est introuvable.'
    if (this.code === CONVENTION_DELETED_ERROR) return 'Cette convention a été mise à la corbeille.'
    if (this.code === 'not_adopted')
      return 'La convention n’est pas encore adoptée : il n’y a pas de version adoptée ou signée à archiver.'
    if (this.status >= 500) return 'Le serveur a rencontré une erreur. Réessayez dans un instant.'
    return this.message || 'La demande a été refusée.'
  }
}
