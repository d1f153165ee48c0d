import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  ROLE_LABELS,
  ROLES,
  type OrganisationKind,
  type Role,
  type Member,
} from '@ctg/shared'
import { ROLE_HINTS } from '../access/accessLabels.js'
import { api } from '../api/apiClient.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { Modal } from '../ui/Modal.js'
import { confirmAction } from '../ui/confirmAction.js'
import { copyText } from './copyText.js'
import { LineIcon } from '../ui/LineIcon.js'

const organisationOf = (member: Member) =>
  [member.organisationKind && ORGANISATION_KIND_LABELS[member.organisationKind], member.organisationName]
    .filter(Boolean)
    .join(' · ')

/**
 * Who has access to the convention, with which role; owners invite people by
 * e-mail (the invitation is a link), change their role or revoke it. The server
 * enforces every role: this dialog only asks.
 */
export function ShareDialog({
  conventionId,
  title,
  canManage,
  currentUserId,
  onClose,
}: {
  conventionId: string
  title: string
  canManage: boolean
  currentUserId: string
  onClose: () => void
}) {
  const [members, setMembers] = useState<Member[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [organisationKind, setOrganisationKind] = useState<OrganisationKind>('epci')
  const [organisationName, setOrganisationName] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [invited, setInvited] = useState<{ name: string; link: string; hasAccount: boolean } | null>(null)
  const [copied, setCopied] = useState<boolean | null>(null)
  const linkInput = useRef<HTMLInputElement>(null)
  const copyButton = useRef<HTMLButtonElement>(null)

  // the link comes below the form: bring it into view, the copy button ready
  useEffect(() => {
    if (!invited) return
    linkInput.current?.scrollIntoView({ block: 'center' })
    copyButton.current?.focus({ preventScroll: true })
  }, [invited])

  const reload = useCallback(
    () => api.listMembers(conventionId).then(setMembers, (e: unknown) => setError(e)),
    [conventionId],
  )
  useEffect(() => void reload(), [reload])

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
      await reload()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const invite = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      const answer = await api.addMember(conventionId, {
        name: name.trim(),
        email: email.trim(),
        organisationKind,
        organisationName: organisationName.trim() || undefined,
        role,
      })
      // a link to the convention itself means the person already has an account
      const hasAccount = answer.hasAccount ?? !answer.link.includes('/invitation/')
      setInvited({ name: answer.member.name, link: answer.link, hasAccount })
      setCopied(null)
      setName('')
      setEmail('')
      setOrganisationName('')
    })
  }

  const changeRole = (member: Member, next: Role) => void run(() => api.changeRole(conventionId, member.id, next))

  const revoke = async (member: Member) => {
    const confirmed = await confirmAction({
      title: 'Retirer l’accès',
      message: `${member.name} ne pourra plus ouvrir cette convention. Ses fenêtres ouvertes se fermeront aussitôt.`,
      confirmLabel: 'Retirer l’accès',
    })
    if (confirmed) void run(() => api.revokeMember(conventionId, member.id))
  }

  const copy = async () => {
    if (invited) setCopied(await copyText(invited.link, linkInput.current))
  }

  return (
    <Modal title="Partager la convention" onClose={onClose} testId="share-dialog" wide>
      <p className="modal__lead">Les personnes qui ont accès à « {title} », et ce que chacune peut faire.</p>

      <h3 className="share-section__title">Personnes ayant accès</h3>
      {members === null && error === null && <p className="share-members__loading">Chargement…</p>}
      {members && (
        <ul className="share-members" data-testid="share-members">
          {members.map((member) => (
            <li key={member.id} className="share-member" data-testid="share-member" data-user-id={member.id}>
              <div className="share-member__who">
                <span className="share-member__name">
                  {member.name}
                  {member.id === currentUserId && <span className="share-member__you"> (vous)</span>}
                </span>
                <span className="share-member__detail">
                  {[organisationOf(member), member.email].filter(Boolean).join(' — ')}
                </span>
              </div>
              {canManage && member.id !== currentUserId ? (
                <div className="share-member__actions">
                  <label className="visually-hidden" htmlFor={`role-${member.id}`}>
                    Rôle de {member.name}
                  </label>
                  <select
                    id={`role-${member.id}`}
                    className="input"
                    value={member.role}
                    disabled={busy}
                    onChange={(e) => changeRole(member, e.target.value as Role)}
                    data-testid="member-role"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => void revoke(member)}
                    data-testid="member-revoke"
                  >
                    Retirer
                  </button>
                </div>
              ) : (
                <span className="badge badge--info">{ROLE_LABELS[member.role]}</span>
              )}
            </li>
          ))}
        </ul>
      )}

      {error !== null && <ErrorNotice error={error} title="L’opération n’a pas pu être réalisée." />}

      {canManage ? (
        <form className="form share-invite" onSubmit={invite}>
          <h3 className="share-section__title">Inviter une personne</h3>
          <div className="form-grid">
            <div className="form-field">
              <label htmlFor="share-name">Nom et prénom</label>
              <input
                id="share-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={120}
                required
                data-testid="share-name"
              />
            </div>
            <div className="form-field">
              <label htmlFor="share-email">Adresse e-mail</label>
              <input
                id="share-email"
                className="input"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                maxLength={254}
                required
                data-testid="share-email"
              />
            </div>
            <div className="form-field">
              <label htmlFor="share-organisation-kind">Organisation</label>
              <select
                id="share-organisation-kind"
                className="input"
                value={organisationKind}
                onChange={(e) => setOrganisationKind(e.target.value as OrganisationKind)}
                data-testid="share-organisation-kind"
              >
                {ORGANISATION_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ORGANISATION_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="share-organisation-name">Nom de l’organisation (facultatif)</label>
              <input
                id="share-organisation-name"
                className="input"
                value={organisationName}
                onChange={(e) => setOrganisationName(e.target.value)}
                maxLength={160}
                placeholder="Commune de Seyne"
                data-testid="share-organisation-name"
              />
            </div>
          </div>
          <fieldset className="form-field share-roles">
            <legend>Rôle</legend>
            {ROLES.map((r) => (
              <label key={r} className="share-role">
                <input
                  type="radio"
                  name="share-role"
                  value={r}
                  checked={role === r}
                  onChange={() => setRole(r)}
                  data-testid={`share-role-${r}`}
                />
                <span className="share-role__label">{ROLE_LABELS[r]}</span>
                <span className="share-role__hint">{ROLE_HINTS[r]}</span>
              </label>
            ))}
          </fieldset>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !name.trim() || !email.trim()}
            data-testid="share-submit"
          >
            {busy ? 'Invitation…' : 'Inviter et créer le lien'}
          </button>
        </form>
      ) : (
        <p className="notice notice--info">
          Seules les personnes propriétaires de la convention peuvent inviter ou modifier les accès.
        </p>
      )}

      {invited && (
        <div className="share-link" data-testid="share-result" data-has-account={invited.hasAccount}>
          <p className="share-link__status" data-testid="share-link-status">
            {invited.hasAccount ? (
              <>
                <strong>{invited.name}</strong> a déjà un compte : la convention apparaît dans sa liste. Ce lien l’ouvre
                directement, après connexion.
              </>
            ) : (
              <>
                <strong>{invited.name}</strong> n’a pas encore de compte : ce lien lui permet de le créer (en
                choisissant un mot de passe), puis ouvre la convention.
              </>
            )}
          </p>
          <label htmlFor="share-link">{invited.hasAccount ? 'Lien de la convention' : 'Lien d’invitation'}</label>
          <div className="form-row">
            <input
              id="share-link"
              ref={linkInput}
              className="input input--mono"
              value={invited.link}
              readOnly
              onFocus={(e) => e.target.select()}
              data-testid="share-link"
            />
            <button
              type="button"
              ref={copyButton}
              className="button button--primary"
              onClick={copy}
              data-testid="share-copy"
            >
              <LineIcon d="M9 9h10v12H9zM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
              Copier le lien
            </button>
          </div>
          <p className="share-link__feedback" role="status">
            {copied === true && '✓ Lien copié dans le presse-papiers.'}
            {copied === false && 'Copie impossible : sélectionnez le lien et copiez-le (Ctrl+C).'}
          </p>
          {!invited.hasAccount && (
            <p className="notice notice--warning">
              Transmettez ce lien uniquement à {invited.name}, par un canal professionnel : il permet de créer le compte
              à son nom. Il ne sert qu’une fois.
            </p>
          )}
        </div>
      )}
    </Modal>
  )
}
