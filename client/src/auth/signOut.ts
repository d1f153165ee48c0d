import { api } from '../api/apiClient.js'
import { clearLocalCopies, unsentCopies } from '../offline/userLocalCopies.js'
import { confirmAction } from '../ui/confirmAction.js'
import { leaveThroughProvider, signedInWithOidc } from './oidcSignIn.js'
import { endSession, holdSessionEnds } from './sessionEnd.js'
import { rememberPendingSignOut } from './sessionMark.js'

/** Sign-out does not wait longer than this for the copies of an editor still closing. */
const CLEAR_TIMEOUT_MS = 3_000

/**
 * Ends the session on the server, then forgets it on this device with the person's
 * offline copies. Changes the server has not acknowledged would be lost with them:
 * the person is asked first. Resolves false when they keep the session.
 */
export async function signOut(userId: string): Promise<boolean> {
  const unsent = unsentCopies(userId)
  if (unsent > 0) {
    const confirmed = await confirmAction({
      title: 'Modifications non enregistrées',
      message:
        (unsent === 1
          ? 'Des modifications faites sur cet appareil n’ont pas encore été reçues par le serveur.'
          : `Des modifications faites sur cet appareil dans ${unsent} conventions n’ont pas encore été reçues par le serveur.`) +
        ' La déconnexion efface les copies de vos conventions gardées sur cet appareil : ces modifications seraient perdues.',
      confirmLabel: 'Se déconnecter quand même',
    })
    if (!confirmed) return false
  }
  holdSessionEnds(true)
  try {
    await api.logout()
  } catch {
    // without network: this device forgets the session now, the server is told on the next visit
    rememberPendingSignOut()
  } finally {
    holdSessionEnds(false)
  }
  endSession('signedOut')
  await Promise.race([clearLocalCopies(userId), new Promise((resolve) => setTimeout(resolve, CLEAR_TIMEOUT_MS))])
  if (signedInWithOidc()) leaveThroughProvider()
  return true
}
