import { api } from '../api/apiClient.js'
import { confirmAction } from '../ui/confirmAction.js'

/** Asks first, then moves the convention to the bin; resolves false when the person changed their mind. */
export async function confirmMoveToBin(conventionId: string, title: string): Promise<boolean> {
  const confirmed = await confirmAction({
    title: 'Mettre la convention à la corbeille ?',
    message:
      `« ${title || 'Convention sans titre'} » disparaîtra des listes de toutes les personnes qui y ont accès, ` +
      'et les fenêtres où elle est ouverte se fermeront. Les propriétaires pourront la restaurer depuis la ' +
      'corbeille jusqu’à sa suppression définitive.',
    confirmLabel: 'Mettre à la corbeille',
  })
  if (!confirmed) return false
  await api.deleteConvention(conventionId)
  return true
}
