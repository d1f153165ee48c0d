import { isRole, ROLE_LABELS } from '@ctg/shared'
import type { ActivityEntry } from '../api/types.js'

/** An entry as a French sentence: who (shown in bold), then what they did. */
export interface ActivitySentence {
  actor: string
  text: string
}

/** "Camille Martin a modifié la fiche action n°3 « Accueil du jeune enfant »" */
export function describeActivity(entry: ActivityEntry): ActivitySentence {
  const actor = entry.userName ?? 'Une personne'
  const detail = entry.detail ?? {}
  const name = typeof detail.name === 'string' ? detail.name : 'une personne'
  switch (entry.action) {
    case 'created':
      return { actor, text: 'a créé la convention' }
    case 'opened':
      return { actor, text: 'a ouvert la convention' }
    case 'changed':
      return { actor, text: `a modifié ${blockPhrase(detail.block)}` }
    case 'exported':
      return { actor, text: detail.format === 'json' ? 'a exporté la convention (JSON)' : 'a exporté la convention' }
    case 'shared':
      return {
        actor,
        text: `a donné accès à ${name}${isRole(detail.role) ? ` avec le rôle de ${roleName(detail.role)}` : ''}`,
      }
    case 'role_changed':
      return {
        actor,
        text: `a donné le rôle de ${roleName(detail.to)} à ${name}${isRole(detail.from) ? ` (auparavant ${roleName(detail.from)})` : ''}`,
      }
    case 'revoked':
      return {
        actor,
        text: `a retiré l’accès ${of(name)}${isRole(detail.role) ? ` (rôle : ${roleName(detail.role)})` : ''}`,
      }
    case 'deleted':
      return { actor, text: 'a mis la convention à la corbeille' }
    case 'restored':
      return { actor, text: 'a restauré la convention depuis la corbeille' }
    default:
      return { actor, text: `: ${String(entry.action)}` }
  }
}

/**
 * The server names blocks as the export numbers and titles them (describeBlock.ts):
 * "Fiche action n°3 Titre", "Tableau Titre", "Signataires A, B", "texte libre".
 */
function blockPhrase(block: unknown): string {
  if (typeof block !== 'string' || !block) return 'la convention'
  const fiche = /^Fiche action n°(\S+)\s*(.*)$/.exec(block)
  if (fiche) return `la fiche action n°${fiche[1]}${fiche[2] ? ` « ${fiche[2]} »` : ''}`
  const table = /^Tableau\s*(.*)$/.exec(block)
  if (table) return table[1] ? `le tableau « ${table[1]} »` : 'un tableau d’indicateurs'
  const signatories = /^Signataires\s*(.*)$/.exec(block)
  if (signatories) {
    // signatories not named yet left empty names in older entries: "Signataires , "
    const names = signatories[1]!
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    return names.length ? `les signataires (${names.join(', ')})` : 'les signataires'
  }
  if (block === 'texte libre') return 'le texte de la convention'
  return `« ${block} »`
}

function roleName(role: unknown): string {
  return isRole(role) ? ROLE_LABELS[role].toLocaleLowerCase('fr') : 'inconnu'
}

/** "d’Isabelle", "de Paul": French elides before a vowel */
function of(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`
}
