import type { Role } from '@ctg/shared'

/** What each role may do, as the share dialog explains it (names and labels come from @ctg/shared). */
export const ROLE_HINTS: Record<Role, string> = {
  owner: 'rédige, partage et gère les accès',
  editor: 'rédige la convention',
  commenter: 'lit et commente, sans modifier le texte',
  reader: 'lit uniquement',
}
