import { ApiError } from '../api/ApiError.js'

/** A French sentence for a refused plénière request (the server's messages are in English). */
export function plenaryErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Une erreur est survenue. Réessayez.'
  const wait = error.retryAfter ? ` dans ${error.retryAfter} s` : ' dans un instant'
  switch (error.code) {
    case 'support_budget':
      return 'Vous avez déjà utilisé tous vos soutiens : retirez-en un pour soutenir cette fiche.'
    case 'too_many_requests':
      return `Trop de changements en peu de temps : réessayez${wait}.`
    case 'too_many_messages':
      return `Trop de commentaires en peu de temps : réessayez${wait}.`
    case 'too_many_attempts':
      return `Trop de codes essayés depuis ce réseau : réessayez${wait}.`
    case 'plenary_full':
      return 'La plénière a atteint le nombre maximal de participants.'
    case 'plenary_closed':
      return 'La plénière est terminée.'
  }
  if (error.status === 400 && error.issues.some((issue) => issue.path.includes('anchor')))
    return 'Ce passage ne peut pas être commenté : sélectionnez un passage dans un seul paragraphe, ou commentez la fiche entière.'
  if (error.status === 400 && error.issues.some((issue) => issue.path.includes('blockIds')))
    return 'Cette fiche n’existe plus : elle a été supprimée entre-temps.'
  const field = (name: string) => error.issues.some((issue) => issue.path.includes(name))
  if (error.status === 400 && field('endsAt'))
    return 'La fin de la plénière doit être dans le futur, dans les 72 heures.'
  if (error.status === 400 && field('title')) return 'Donnez un titre d’une ligne, de 200 caractères au plus.'
  if (error.status === 400 && field('supportsPerParticipant'))
    return 'Le nombre de soutiens par participant va de 0 à 50.'
  if (error.status === 400 && field('name')) return 'Votre nom doit tenir sur une ligne, en 60 caractères au plus.'
  if (error.status === 403)
    return 'Seules la personne qui a ouvert la plénière et les personnes propriétaires de la convention peuvent l’animer.'
  if (error.status === 404) return 'Cette plénière est introuvable.'
  if (error.status === 429) return `Trop de demandes en peu de temps : réessayez${wait}.`
  return error.userMessage
}
