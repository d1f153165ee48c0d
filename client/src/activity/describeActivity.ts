import { isRole, ROLE_LABELS, type ActivityBlock, type ActivityEntry } from '@ctg/shared'

/** An entry as a French sentence: who (shown in bold), then what they did. */
export interface ActivitySentence {
  actor: string
  text: string
}

/** "Camille Martin a modifié la fiche action n°3 « Accueil du jeune enfant »" */
export function describeActivity(entry: ActivityEntry): ActivitySentence {
  const actor = entry.userName ?? 'Une personne'
  switch (entry.action) {
    case 'created':
      return { actor, text: 'a créé la convention' }
    case 'opened':
      return { actor, text: 'a ouvert la convention' }
    case 'changed':
      return { actor, text: `a modifié ${blockPhrase(entry.detail.block)}` }
    case 'exported':
      return {
        actor,
        text: entry.detail.format === 'json' ? 'a exporté la convention (JSON)' : 'a exporté la convention',
      }
    case 'shared': {
      const { name, role } = entry.detail
      return {
        actor,
        text: `a donné accès à ${name ?? 'une personne'}${isRole(role) ? ` avec le rôle de ${roleName(role)}` : ''}`,
      }
    }
    case 'role_changed': {
      const { name, from, to } = entry.detail
      return {
        actor,
        text: `a donné le rôle de ${roleName(to)} à ${name ?? 'une personne'}${isRole(from) ? ` (auparavant ${roleName(from)})` : ''}`,
      }
    }
    case 'revoked': {
      const { name, role } = entry.detail
      return {
        actor,
        text: `a retiré l’accès ${of(name ?? 'une personne')}${isRole(role) ? ` (rôle : ${roleName(role)})` : ''}`,
      }
    }
    case 'deleted':
      return { actor, text: 'a mis la convention à la corbeille' }
    case 'restored':
      return { actor, text: 'a restauré la convention depuis la corbeille' }
    case 'comment_thread_created':
      return { actor, text: 'a ouvert une discussion' }
    case 'comment_replied':
      return { actor, text: 'a répondu dans une discussion' }
    case 'comment_edited':
      return { actor, text: 'a modifié un commentaire' }
    case 'comment_deleted':
      return {
        actor,
        text: entry.detail.moderated
          ? `a supprimé un commentaire ${of(entry.detail.authorName ?? 'une personne')}`
          : 'a supprimé un commentaire',
      }
    case 'comment_thread_resolved':
      return { actor, text: 'a résolu une discussion' }
    case 'comment_thread_reopened':
      return { actor, text: 'a rouvert une discussion' }
    case 'plenary_opened':
      return { actor, text: `a ouvert la plénière « ${entry.detail.title} »` }
    case 'plenary_closed':
      return { actor, text: `a clos la plénière « ${entry.detail.title} »` }
    case 'plenary_participant_excluded':
      return { actor, text: `a exclu ${entry.detail.name} de la plénière` }
    default:
      return { actor, text: `: ${String((entry as { action: unknown }).action)}` }
  }
}

/** A block as the server describes it (type, number, title), worded. */
function blockPhrase(block: ActivityBlock | undefined): string {
  const title = block?.title?.trim()
  switch (block?.type) {
    case undefined:
      return 'la convention'
    case 'ficheAction':
      return `la fiche action n°${block.number ?? '?'}${title ? ` « ${title} »` : ''}`
    case 'indicatorTable':
      return title ? `le tableau « ${title} »` : 'un tableau d’indicateurs'
    case 'signatoryBlock': {
      const names = (block.organisations ?? []).map((name) => name.trim()).filter(Boolean)
      return names.length ? `les signataires (${names.join(', ')})` : 'les signataires'
    }
    case 'text':
      return title ? `« ${title} »` : 'le texte de la convention'
    default:
      return title ? `le bloc « ${title} »` : 'un bloc de la convention'
  }
}

function roleName(role: unknown): string {
  return isRole(role) ? ROLE_LABELS[role].toLocaleLowerCase('fr') : 'inconnu'
}

/** "d’Isabelle", "de Paul": French elides before a vowel */
function of(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`
}
