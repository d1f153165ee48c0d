/** The server's rule for passwords (POST /api/invitations/:code/accept). */
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 200

/** What is wrong with a new password and its confirmation, in French, or null. */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (password.length < PASSWORD_MIN) return `Le mot de passe doit compter au moins ${PASSWORD_MIN} caractères.`
  if (password.length > PASSWORD_MAX) return `Le mot de passe doit compter au plus ${PASSWORD_MAX} caractères.`
  if (password !== confirmation) return 'Les deux mots de passe saisis ne sont pas identiques.'
  return null
}
