import { ApiError } from '../api/ApiError.js'

/** A French sentence for a failed comment action. */
export function commentErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Une erreur est survenue. Réessayez.'
  if (error.status === 429) {
    const wait = error.retryAfter ? ` dans ${error.retryAfter} s` : ' dans une minute'
    return `Trop de messages envoyés en peu de temps : réessayez${wait}.`
  }
  if (error.status === 403) return 'Votre rôle sur cette convention ne permet pas cette action.'
  if (error.status === 404) return 'Ce commentaire n’existe plus : il a peut-être été supprimé.'
  return error.userMessage
}
