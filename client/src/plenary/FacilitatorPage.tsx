import { useCallback, useEffect, useMemo, useState } from 'react'
import { parseStatelessMessage } from '@ctg/shared'
import { formatDateTime } from '../format/formatDate.js'
import { Link } from '../routing/Link.js'
import { conventionPath, facilitatePath } from '../routing/route.js'
import { confirmAction } from '../ui/confirmAction.js'
import { PlenaryErrorNotice } from './PlenaryErrorNotice.js'
import { LineIcon } from '../ui/LineIcon.js'
import { LoadingState } from '../ui/LoadingState.js'
import { commentTargetLabel } from './commentTargetLabel.js'
import { plenaryApi } from './plenaryApi.js'
import { PlenaryInvite } from './PlenaryInvite.js'
import type { PlenaryComment, PlenaryDetails } from './plenaryTypes.js'
import { ProjectionView } from './ProjectionView.js'
import { rankedFiches } from './rankedFiches.js'
import { RankingList } from './RankingList.js'
import { usePlenaryDetails } from './usePlenaryDetails.js'
import { usePlenaryFiches } from './usePlenaryFiches.js'

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })

/**
 * The facilitator's screen (the person who opened the plénière, and owners): who joined,
 * comments as they arrive with Masquer / Afficher, the fiches ranked by supports,
 * closing, and the projection for the room.
 */
export function FacilitatorPage({
  conventionId,
  plenaryId,
  projection,
}: {
  conventionId: string
  plenaryId: string
  projection: boolean
}) {
  const { details, error, reload, setDetails } = usePlenaryDetails(conventionId, plenaryId)
  const onMessage = useCallback(
    (payload: string) => {
      const message = parseStatelessMessage(payload)
      if (message?.type === 'plenary' && message.plenaryId === plenaryId) reload()
    },
    [plenaryId, reload],
  )
  const { fiches, title: conventionTitle } = usePlenaryFiches(conventionId, onMessage)

  useEffect(() => {
    document.title = `${details?.plenary.title ?? 'Plénière'}${projection ? ' — projection' : ''} – CTG`
  }, [details?.plenary.title, projection])

  if (!details)
    return (
      <main className="page" id="main">
        {error !== null ? (
          <PlenaryErrorNotice error={error} title="La plénière n’a pas pu être ouverte." />
        ) : (
          <LoadingState label="Ouverture de la plénière…" />
        )}
      </main>
    )

  const rows = rankedFiches(details.ranking, fiches)
  if (projection)
    return (
      <ProjectionView conventionId={conventionId} details={details} rows={rows} conventionTitle={conventionTitle} />
    )
  return (
    <Facilitation
      conventionId={conventionId}
      details={details}
      conventionTitle={conventionTitle}
      fiches={fiches}
      rows={rows}
      error={error}
      onChanged={(next) => (next ? setDetails(next) : reload())}
    />
  )
}

function Facilitation({
  conventionId,
  details,
  conventionTitle,
  fiches,
  rows,
  error,
  onChanged,
}: {
  conventionId: string
  details: PlenaryDetails
  conventionTitle: string
  fiches: ReturnType<typeof usePlenaryFiches>['fiches']
  rows: ReturnType<typeof rankedFiches>
  error: unknown
  onChanged: (next?: PlenaryDetails) => void
}) {
  const { plenary, participants, comments } = details
  const [actionError, setActionError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [priorities, setPriorities] = useState<number | null>(null)
  const open = plenary.status === 'open'
  const present = participants.filter((p) => !p.excluded)
  const newestFirst = useMemo(() => [...comments].reverse(), [comments])

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key)
    setActionError(null)
    try {
      await action()
      onChanged()
    } catch (e) {
      setActionError(e)
    } finally {
      setBusy(null)
    }
  }

  const setHidden = (comment: PlenaryComment, hidden: boolean) =>
    run(`comment-${comment.threadId}`, async () => {
      await plenaryApi.setCommentHidden(conventionId, plenary.id, comment.threadId, hidden)
      // shown at once; the next read confirms it
      onChanged({
        ...details,
        comments: details.comments.map((c) => (c.threadId === comment.threadId ? { ...c, hidden } : c)),
      })
    })

  const exclude = async (participant: { id: string; name: string }) => {
    const confirmed = await confirmAction({
      title: 'Exclure un participant',
      message: `${participant.name} ne pourra plus lire la convention ni participer, et ses commentaires seront masqués.`,
      confirmLabel: 'Exclure',
    })
    if (confirmed)
      await run(`exclude-${participant.id}`, () => plenaryApi.exclude(conventionId, plenary.id, participant.id))
  }

  const close = async () => {
    const confirmed = await confirmAction({
      title: 'Clôturer la plénière',
      message:
        'Les participants ne pourront plus soutenir ni commenter : leur page affichera la fin de la plénière. Les résultats restent avec la convention.',
      confirmLabel: 'Clôturer',
    })
    if (confirmed) await run('close', () => plenaryApi.close(conventionId, plenary.id).then(() => undefined))
  }

  const writePriorities = async () => {
    const confirmed = await confirmAction({
      title: 'Reporter le classement dans les fiches',
      message:
        'Chaque fiche soutenue reçoit sa place dans le classement comme priorité (1 = la plus soutenue) ; la priorité des fiches sans soutien est effacée.',
      confirmLabel: 'Reporter le classement',
      danger: false,
    })
    if (confirmed)
      await run('priorities', async () => {
        const written = await plenaryApi.writePriorities(conventionId, plenary.id)
        setPriorities(written.filter((p) => p.priority !== null).length)
      })
  }

  return (
    <div className="facilitator" data-testid="facilitator-view">
      <header className="facilitator__header">
        <Link href={conventionPath(conventionId)} className="facilitator__back">
          <LineIcon d="M15 5l-7 7 7 7" />
          Retour à la convention
        </Link>
        <div className="facilitator__heading">
          <p className="facilitator__kicker">Plénière · {conventionTitle || 'Convention'}</p>
          <h1>{plenary.title}</h1>
          <p className="facilitator__status" data-testid="plenary-status">
            {open ? (
              <>
                <span className="badge badge--success">En cours</span> jusqu’à {formatDateTime(plenary.endsAt)}
              </>
            ) : (
              <>
                <span className="badge badge--info">Clôturée</span>
                {plenary.closedAt && ` le ${formatDateTime(plenary.closedAt)}`}
              </>
            )}
            {' · '}
            {plenary.supportsPerParticipant} soutien{plenary.supportsPerParticipant > 1 ? 's' : ''} par participant ·
            modération {plenary.moderation === 'before' ? 'avant affichage' : 'après affichage'}
          </p>
        </div>
        <div className="facilitator__actions">
          <Link
            href={facilitatePath(conventionId, plenary.id, true)}
            className="button button--secondary"
            data-testid="projection-open"
          >
            <LineIcon d="M3 5h18v11H3zM8 20h8M12 16v4" />
            Mode projection
          </Link>
          {open && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => void close()}
              disabled={busy !== null}
              data-testid="plenary-close"
            >
              Clôturer la plénière
            </button>
          )}
        </div>
      </header>

      <main className="facilitator__grid" id="main">
        {(actionError !== null || error !== null) && (
          <div className="facilitator__notice">
            <PlenaryErrorNotice
              error={actionError ?? error}
              title={
                actionError !== null
                  ? 'L’opération n’a pas pu être réalisée.'
                  : 'Mise à jour impossible pour le moment.'
              }
              onDismiss={actionError !== null ? () => setActionError(null) : undefined}
            />
          </div>
        )}
        <section className="facilitator__panel facilitator__join" aria-labelledby="join-title">
          <h2 id="join-title">{open ? 'Pour rejoindre' : 'Plénière close'}</h2>
          {open ? (
            <PlenaryInvite code={plenary.code} joinUrl={plenary.joinUrl} qrSize={180} />
          ) : (
            <p>Plus personne ne peut la rejoindre. Ses résultats restent avec la convention (export JSON).</p>
          )}
          <h2 id="participants-title" className="facilitator__subtitle">
            Participants{' '}
            <span className="facilitator__count" data-testid="participant-count">
              {present.length}
            </span>
          </h2>
          {participants.length === 0 ? (
            <p className="facilitator__empty">Personne n’a encore rejoint la plénière.</p>
          ) : (
            <ul className="facilitator__participants" aria-labelledby="participants-title" data-testid="participants">
              {participants.map((p) => (
                <li key={p.id} className={p.excluded ? 'is-excluded' : ''} data-testid="participant">
                  <span className="facilitator__participant-name">
                    {p.name}
                    <span className="facilitator__participant-time"> · {timeOf(p.joinedAt)}</span>
                  </span>
                  {p.excluded ? (
                    <span className="badge badge--warning">Exclu</span>
                  ) : (
                    open && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => void exclude(p)}
                        disabled={busy !== null}
                        data-testid="participant-exclude"
                      >
                        Exclure<span className="visually-hidden"> {p.name}</span>
                      </button>
                    )
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="facilitator__panel facilitator__comments" aria-labelledby="comments-title">
          <h2 id="comments-title">
            Commentaires{' '}
            <span className="facilitator__count" data-testid="comment-count">
              {comments.length}
            </span>
          </h2>
          <p className="facilitator__hint">
            {plenary.moderation === 'before'
              ? 'Les commentaires restent masqués jusqu’à ce que vous les affichiez.'
              : 'Les commentaires s’affichent aussitôt ; vous pouvez en masquer.'}
          </p>
          {newestFirst.length === 0 ? (
            <p className="facilitator__empty">Aucun commentaire pour l’instant.</p>
          ) : (
            <ul className="facilitator__comment-list" aria-live="polite" aria-relevant="additions">
              {newestFirst.map((c) => (
                <li
                  key={c.threadId}
                  className={`plenary-comment${c.hidden ? ' is-hidden' : ''}`}
                  data-testid="plenary-comment"
                  data-hidden={c.hidden}
                >
                  <p className="plenary-comment__meta">
                    <strong>{c.participant.name}</strong> · {timeOf(c.createdAt)}
                    {c.hidden && <span className="badge badge--warning">Masqué</span>}
                  </p>
                  <p className="plenary-comment__target">{commentTargetLabel(c, fiches)}</p>
                  <p className="plenary-comment__body" data-testid="plenary-comment-body">
                    {c.body}
                  </p>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => void setHidden(c, !c.hidden)}
                    disabled={busy === `comment-${c.threadId}`}
                    data-testid={c.hidden ? 'comment-show' : 'comment-hide'}
                  >
                    {c.hidden ? 'Afficher' : 'Masquer'}
                    <span className="visually-hidden"> le commentaire de {c.participant.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="facilitator__panel facilitator__ranking" aria-labelledby="ranking-title">
          <h2 id="ranking-title">Classement des fiches</h2>
          <RankingList rows={rows} />
          <div className="facilitator__priorities">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void writePriorities()}
              disabled={busy !== null || rows.every((r) => r.supports === 0)}
              data-testid="write-priorities"
            >
              Reporter le classement dans les fiches
            </button>
            <p className="facilitator__hint" role="status">
              {priorities !== null
                ? `Priorité reportée dans ${priorities} fiche${priorities > 1 ? 's' : ''}.`
                : 'Chaque fiche soutenue reçoit sa place comme priorité.'}
            </p>
          </div>
        </section>
      </main>
    </div>
  )
}
