import { codePointLength, MAX_MESSAGE_CODE_POINTS, messageBodySchema } from '@ctg/shared'

/** Why the server would refuse this message, in French, or null (same rules: `@ctg/shared`). */
export function messageProblem(body: string): string | null {
  if (body.trim() === '') return 'Écrivez un message.'
  const length = codePointLength(body)
  if (length > MAX_MESSAGE_CODE_POINTS)
    return `Le message dépasse ${MAX_MESSAGE_CODE_POINTS.toLocaleString('fr-FR')} caractères (${length.toLocaleString('fr-FR')}).`
  if (!messageBodySchema.safeParse(body).success) return 'Le message contient des caractères non autorisés.'
  return null
}
