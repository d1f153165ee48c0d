import { ROLE_LABELS, type Invitation } from '@ctg/shared'
import { ROLE_HINTS } from '../access/accessLabels.js'

/** "Camille Martin vous invite à rejoindre la convention « … », rôle Rédacteur." */
export function InvitationSummary({ invitation, firstStart }: { invitation: Invitation; firstStart: boolean }) {
  if (firstStart) {
    return (
      <p className="access__lead" data-testid="invitation-summary">
        Aucun compte n’existe encore sur cet espace de rédaction. Créez le vôtre : vous pourrez ensuite créer des
        conventions et y inviter vos collègues.
      </p>
    )
  }
  return (
    <div className="invitation-summary" data-testid="invitation-summary">
      <p className="access__lead">
        {invitation.invitedBy ? <strong>{invitation.invitedBy}</strong> : 'Une personne propriétaire'}{' '}
        {invitation.conventionTitle
          ? 'vous invite à rejoindre la convention'
          : 'vous invite à rejoindre l’espace de rédaction.'}
      </p>
      {invitation.conventionTitle && (
        <p className="invitation-summary__title" data-testid="invitation-convention">
          {invitation.conventionTitle}
        </p>
      )}
      <dl className="invitation-summary__facts">
        {invitation.role && (
          <div>
            <dt>Votre rôle</dt>
            <dd data-testid="invitation-role">
              {ROLE_LABELS[invitation.role]}
              <span className="invitation-summary__hint"> — {ROLE_HINTS[invitation.role]}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>Invitation adressée à</dt>
          <dd>
            {invitation.name}
            {invitation.email && <span className="invitation-summary__email">{invitation.email}</span>}
          </dd>
        </div>
      </dl>
    </div>
  )
}
