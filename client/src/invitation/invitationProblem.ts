import { ApiError } from '../api/ApiError.js'

export interface InvitationProblem {
  title: string
  text: string
  /** the person may already have an account: offer the sign-in page */
  offerSignIn: boolean
}

/** Why an invitation link cannot be used, in French: unknown, already used, or expired. */
export function invitationProblem(error: unknown): InvitationProblem {
  if (error instanceof ApiError && error.code === 'invitation_used') {
    return {
      title: 'Ce lien d’invitation a déjà été utilisé',
      text: 'Le compte a déjà été créé avec ce lien. Si c’est le vôtre, connectez-vous avec votre adresse e-mail et votre mot de passe.',
      offerSignIn: true,
    }
  }
  if (error instanceof ApiError && (error.code === 'invitation_expired' || error.status === 410)) {
    return {
      title: 'Ce lien d’invitation a expiré',
      text: 'Demandez un nouveau lien à la personne qui vous a invité : elle peut le créer depuis le bouton « Partager » de la convention.',
      offerSignIn: false,
    }
  }
  if (error instanceof ApiError && error.status === 404) {
    return {
      title: 'Lien d’invitation introuvable',
      text: 'Ce lien ne correspond à aucune invitation. Vérifiez qu’il a été copié en entier, ou demandez-en un nouveau à la personne qui vous a invité.',
      offerSignIn: false,
    }
  }
  return {
    title: 'L’invitation n’a pas pu être lue',
    text: error instanceof ApiError ? error.userMessage : 'Une erreur est survenue. Réessayez dans un instant.',
    offerSignIn: false,
  }
}
