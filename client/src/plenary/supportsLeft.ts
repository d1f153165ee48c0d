/** "Il vous reste 2 soutiens", as the participant's page says it. */
export function supportsLeft(remaining: number): string {
  if (remaining <= 0) return 'Vous avez utilisé tous vos soutiens'
  return `Il vous reste ${remaining} soutien${remaining > 1 ? 's' : ''}`
}
