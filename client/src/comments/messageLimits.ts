/** A message is plain text of 1 to 5,000 characters (the server checks it too). */
export const MESSAGE_MAX_LENGTH = 5000

export function messageProblem(body: string): string | null {
  if (body.trim() === '') return 'Écrivez un message.'
  if (body.length > MESSAGE_MAX_LENGTH)
    return `Le message dépasse ${MESSAGE_MAX_LENGTH.toLocaleString('fr-FR')} caractères (${body.length.toLocaleString('fr-FR')}).`
  return null
}
