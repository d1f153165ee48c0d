import type { ConventionDeletion } from '@ctg/shared'
import { Link } from '../routing/Link.js'
import { BIN_PATH } from '../routing/route.js'
import { describeDeletion } from './describeDeletion.js'

/**
 * In place of the document once the convention is in the bin: who put it there and when,
 * and who can bring it back. Changes kept on this device are not sent anywhere meanwhile.
 */
export function ConventionDeletedNotice({
  deletion,
  isOwner,
  keptChanges,
}: {
  deletion: ConventionDeletion
  isOwner: boolean
  /** this device holds changes the server had not acknowledged */
  keptChanges: boolean
}) {
  return (
    <div className="empty-state" role="alert" data-testid="convention-deleted">
      {/* the page's heading now: there is no document any more (as on NotFound) */}
      <h1 className="deleted-notice__title">Convention mise à la corbeille</h1>
      <p data-testid="convention-deleted-by">{describeDeletion(deletion)}</p>
      <p>
        {isOwner
          ? 'Vous pouvez la restaurer depuis la corbeille, jusqu’à sa suppression définitive.'
          : 'Elle n’est plus consultable. Seule une personne propriétaire de la convention peut la restaurer.'}
      </p>
      {keptChanges && (
        <p>
          Les modifications faites sur cet appareil et pas encore enregistrées sont conservées : elles seront envoyées
          si la convention est restaurée.
        </p>
      )}
      <div className="deleted-notice__actions">
        {isOwner && (
          <Link href={BIN_PATH} className="button button--secondary">
            Ouvrir la corbeille
          </Link>
        )}
        <Link href="/" className="button button--primary">
          Retour à mes conventions
        </Link>
      </div>
    </div>
  )
}
