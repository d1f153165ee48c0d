import type { Editor } from '@tiptap/core'
import { canEdit, readMeta, ROLE_LABELS, type Period, type ConventionDetails, type User } from '@ctg/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { CommentsPanel } from '../comments/CommentsPanel.js'
import { SelectionCommentButton } from '../comments/SelectionCommentButton.js'
import { useComments } from '../comments/useComments.js'
import { ActivityLog } from '../activity/ActivityLog.js'
import { ApiError } from '../api/ApiError.js'
import { api } from '../api/apiClient.js'
import { SignOutButton } from '../auth/SignOutButton.js'
import { ConventionDeletedNotice } from '../bin/ConventionDeletedNotice.js'
import { deletionFromError } from '../bin/deletionFromError.js'
import { MoveToBinButton } from '../bin/MoveToBinButton.js'
import { formatPeriod } from '../format/formatPeriod.js'
import { Link } from '../routing/Link.js'
import { BIN_PATH, navigate } from '../routing/route.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { NotFound } from '../ui/NotFound.js'
import { AppHeader } from '../ui/AppHeader.js'
import { AccessRefused } from './AccessRefused.js'
import { ClientOutdatedNotice } from './ClientOutdatedNotice.js'
import { ConventionEditor } from './ConventionEditor.js'
import { ConventionTitleInput } from './ConventionTitleInput.js'
import { ExportDialog } from '../exports/ExportDialog.js'
import { IssuesNotice } from './IssuesNotice.js'
import { OfflineNotice } from './OfflineNotice.js'
import { PresenceList } from './PresenceList.js'
import { ShareDialog } from './ShareDialog.js'
import { PlenaryDialog } from '../plenary/PlenaryDialog.js'
import { useOpenPlenaries } from '../plenary/useOpenPlenaries.js'
import { SyncStatus } from './SyncStatus.js'
import { Toolbar } from './Toolbar.js'
import { useCollaboration } from './useCollaboration.js'
import { useConventionMeta } from './useConventionMeta.js'
import { useStickyToolbar } from './useStickyToolbar.js'
import { usePresence } from './usePresence.js'
import { userColor } from '@ctg/shared'
import { LineIcon } from '../ui/LineIcon.js'
import { HeaderButton } from './HeaderButton.js'
import { FrozenBanner } from '../versions/FrozenBanner.js'
import { hasRefusedContent } from '../versions/unsentText.js'
import { UnsentTextDialog } from '../versions/UnsentTextDialog.js'
import { VersionsPanel } from '../versions/VersionsPanel.js'

type Details =
  { state: 'loading' } | { state: 'ready'; details: ConventionDetails } | { state: 'error'; error: unknown }

/** A convention open for co-writing: header, toolbar, and the document as a sheet. */
export function EditorPage({ conventionId, user }: { conventionId: string; user: User }) {
  const [details, setDetails] = useState<Details>({ state: 'loading' })
  const [detailsAttempt, setDetailsAttempt] = useState(0)
  const [editor, setEditor] = useState<Editor | null>(null)
  const [sharing, setSharing] = useState(false)
  const [plenaries, setPlenaries] = useState(false)
  const [showingActivity, setShowingActivity] = useState(false)
  const [showingVersions, setShowingVersions] = useState(false)
  const [unsentDismissed, setUnsentDismissed] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [binError, setBinError] = useState<unknown>(null)
  const collab = useCollaboration(conventionId, user.id)
  // the server's content, or this device's copy when the server is out of reach
  const ready = collab?.ready ?? false
  const connection = collab?.connection ?? 'connecting'
  const meta = useConventionMeta(ready ? collab!.ydoc : null)
  const participants = usePresence(ready ? collab!.provider : null)
  // participants of a plénière have no presence: the writers see how many follow
  const openPlenaries = useOpenPlenaries(conventionId, ready ? collab!.provider : null)
  const phones = openPlenaries.reduce((sum, p) => sum + p.participantCount, 0)

  const topRef = useRef<HTMLElement>(null)
  const headerRef = useRef<HTMLDivElement>(null)
  useStickyToolbar(topRef, headerRef)

  const collaborator = useMemo(() => ({ id: user.id, name: user.name, color: userColor(user.id) }), [user])

  // tables and fiches take the convention's period at the moment they are inserted
  const ydocRef = useRef(collab?.ydoc)
  ydocRef.current = collab?.ydoc
  const getPeriod = useCallback((): Period => {
    const ydoc = ydocRef.current
    const year = new Date().getFullYear()
    return ydoc ? readMeta(ydoc).period : { start: year, end: year + 4 }
  }, [])

  useEffect(() => {
    let cancelled = false
    api.getConvention(conventionId).then(
      (d) => !cancelled && setDetails({ state: 'ready', details: d }),
      (error: unknown) => !cancelled && setDetails({ state: 'error', error }),
    )
    return () => {
      cancelled = true
    }
  }, [conventionId, detailsAttempt])

  const detailsStatus = details.state === 'error' && details.error instanceof ApiError ? details.error.status : null
  const unreachable = detailsStatus === 0
  const notFound = detailsStatus === 404

  // fetched without network or while the server was in trouble: ask again once it answers
  const retryDetails = detailsStatus !== null && (detailsStatus === 0 || detailsStatus >= 500)
  useEffect(() => {
    if (retryDetails && connection === 'connected') setDetailsAttempt((n) => n + 1)
  }, [retryDetails, connection])

  // a refused WebSocket means an expired token (/api/me then answers 401 and signs out)
  // or a convention that no longer exists (its details then answer 404)
  useEffect(() => {
    if (!collab?.authFailed) return
    void api.me().catch(() => undefined)
    setDetailsAttempt((n) => n + 1)
  }, [collab?.authFailed])

  // in the bin: the socket says so at once, the details say who and when (and the role)
  const binnedLive = collab?.deleted ?? null
  useEffect(() => {
    if (binnedLive) setDetailsAttempt((n) => n + 1)
  }, [binnedLive])
  const binnedDetails = details.state === 'error' ? deletionFromError(details.error) : null
  const deletion = binnedDetails?.deletedBy ? binnedDetails : (binnedLive ?? binnedDetails)

  // nothing to merge this device's copy into any more. An expired token (401) keeps it:
  // the same person signs in again and the changes kept here are sent.
  const clearLocalCopy = collab?.clearLocalCopy
  useEffect(() => {
    if (notFound && clearLocalCopy) void clearLocalCopy().catch(() => undefined)
  }, [notFound, clearLocalCopy])

  // the role the server announced live wins over the one read when the page opened
  const role =
    collab?.liveRole ?? (details.state === 'ready' ? details.details.role : (binnedDetails?.role ?? undefined))
  const revoked = collab?.revoked ?? false

  const canComment = role === 'owner' || role === 'editor' || role === 'commenter'
  const comments = useComments({
    conventionId,
    editor,
    provider: ready ? collab!.provider : null,
    userId: user.id,
    canWrite: canComment,
  })
  const toggleComments = () => {
    const opening = !comments.open
    comments.setOpen(opening)
    // the panel's heading takes the focus, so that keyboard and screen reader users land in it
    if (opening) requestAnimationFrame(() => document.getElementById('comments-panel-title')?.focus())
  }
  const closeComments = () => {
    comments.setOpen(false)
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="comments-toggle"]')?.focus())
  }

  const title = meta?.title ?? (details.state === 'ready' ? details.details.title : '')
  const period = meta?.period ?? (details.state === 'ready' ? details.details.period : null)

  useEffect(() => {
    document.title = title ? `${title} – CTG` : 'Convention – CTG'
  }, [title])

  if (notFound) {
    return (
      <>
        <AppHeader user={user} />
        <NotFound message="Cette convention est introuvable : elle a peut-être été supprimée, ou le lien est incomplet." />
      </>
    )
  }

  return (
    <div
      className={`editor-page${deletion ? ' editor-page--deleted' : ''}${comments.open ? ' has-comments' : ''}${canComment ? '' : ' cannot-comment'}`}
    >
      {/* the banner holds the toolbar too, so that everything on the page is in a landmark */}
      <header className="editor-top" ref={topRef}>
        <div className="editor-header" ref={headerRef}>
          <Link
            href="/"
            className="editor-header__back"
            aria-label="CTG : retour à mes conventions"
            title="Mes conventions"
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d="M15 5l-7 7 7 7"
                fill="none"
                stroke="currentColor"
                strokeWidth="2.4"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
            <span className="brand__mark brand__mark--small">CTG</span>
          </Link>
          <div className="editor-header__title">
            {ready && collab ? (
              <ConventionTitleInput ydoc={collab.ydoc} title={title} readOnly={collab.readOnly} />
            ) : (
              <p className="title-input title-input--static">{title || 'Ouverture…'}</p>
            )}
            <p className="editor-header__period" data-testid="convention-period">
              <span className="visually-hidden">Période de la convention : </span>
              {formatPeriod(period)}
              {collab?.readOnly && (
                <span className="badge badge--info" data-testid="read-only-badge">
                  {/* a role read before a change made while away may still say rédacteur: not shown then */}
                  Lecture seule{role && !canEdit(role) ? ` · ${ROLE_LABELS[role]}` : ''}
                </span>
              )}
            </p>
          </div>
          <div className="editor-header__side">
            {!deletion && <SyncStatus unsent={collab?.unsent ?? null} connection={connection} />}
            {!deletion && <PresenceList participants={participants} />}
            {!deletion && openPlenaries.length > 0 && (
              <button
                type="button"
                className="plenary-badge"
                onClick={() => setPlenaries(true)}
                disabled={!role || !canEdit(role)}
                data-testid="plenary-badge"
              >
                <span className="plenary-badge__dot" aria-hidden="true" />
                Plénière en cours · {phones} participant{phones > 1 ? 's' : ''}
              </button>
            )}
            <div className="editor-header__actions">
              <button
                type="button"
                className={`button button--secondary comments-toggle${comments.open ? ' is-active' : ''}`}
                onClick={toggleComments}
                aria-expanded={comments.open}
                data-testid="comments-toggle"
              >
                <LineIcon d="M4 5h16v11H9l-5 4zM8 9h8M8 12h5" />
                Commentaires
                {comments.openCount > 0 && (
                  <span className="comments-toggle__count" data-testid="comments-open-count">
                    {comments.openCount}
                    <span className="visually-hidden">{comments.openCount > 1 ? ' ouverts' : ' ouvert'}</span>
                  </span>
                )}
              </button>
              {role && canEdit(role) && !deletion && (
                <HeaderButton
                  icon="M3 5h18v11H3zM8 20h8M12 16v4M9 12l2-2 2 2 3-3"
                  label="Plénière"
                  onClick={() => setPlenaries(true)}
                  testId="plenaries-open"
                />
              )}
              <HeaderButton
                icon="M16 8a3 3 0 1 0-2.9-3.7L8.8 6.6a3 3 0 1 0 0 4.8l4.3 2.3A3 3 0 1 0 14 12l-4.3-2.3a3 3 0 0 0 0-1.4L14 6a3 3 0 0 0 2 2z"
                filled
                label="Partager"
                onClick={() => setSharing(true)}
                testId="share"
              />
              <HeaderButton
                icon="M12 3v12m0 0l-4.5-4.5M12 15l4.5-4.5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4"
                label="Exporter"
                onClick={() => setExporting(true)}
                testId="export-menu"
              />
              <HeaderButton
                icon="M3 12a9 9 0 1 0 3-6.7M3 4v4h4M12 8v4l3 2"
                label="Historique"
                onClick={() => setShowingVersions(true)}
                testId="versions-open"
              />
              {role === 'owner' && (
                <HeaderButton
                  icon="M12 7v5l3 2M21 12a9 9 0 1 1-9-9 9 9 0 0 1 9 9z"
                  label="Journal d’activité"
                  onClick={() => setShowingActivity(true)}
                  testId="activity-open"
                />
              )}
              {role === 'owner' && !deletion && (
                <MoveToBinButton
                  conventionId={conventionId}
                  title={title}
                  onMoved={() => navigate(BIN_PATH)}
                  onError={setBinError}
                />
              )}
              <SignOutButton userId={user.id} compact />
            </div>
          </div>
        </div>
        {editor && !deletion && <Toolbar editor={editor} getPeriod={getPeriod} />}
        {ready && collab && !deletion && !collab.outdated && (
          <OfflineNotice unsent={collab.unsent} connection={connection} />
        )}
      </header>

      <main className="editor-canvas" id="main">
        {/* the page's title for headings navigation; the document's own headings come below it */}
        <h1 className="visually-hidden">{title || 'Convention'}</h1>
        {collab?.frozen && !deletion && <FrozenBanner status={collab.frozen} />}
        {collab?.rolledBack && !collab.frozen && (
          <div className="editor-canvas__notice notice notice--warning" role="status" data-testid="rolled-back">
            <p>
              Une modification n’a pas été enregistrée : votre rôle ne permet pas de modifier cette convention. Le
              document affiché est celui du serveur.
            </p>
          </div>
        )}
        {details.state === 'ready' && <IssuesNotice issues={details.details.issues} />}
        {binError !== null && (
          <div className="editor-canvas__notice">
            <ErrorNotice
              error={binError}
              title="La convention n’a pas pu être mise à la corbeille."
              onDismiss={() => setBinError(null)}
            />
          </div>
        )}
        {details.state === 'error' && !unreachable && !deletion && (
          <div className="editor-canvas__notice">
            <ErrorNotice error={details.error} title="Les informations de la convention n’ont pas pu être chargées." />
          </div>
        )}
        <div className="sheet">
          {deletion ? (
            <ConventionDeletedNotice
              deletion={deletion}
              isOwner={role === 'owner'}
              keptChanges={collab?.unsent.unsent ?? false}
            />
          ) : revoked ? (
            <AccessRefused title="Votre accès à cette convention a été retiré" testId="access-revoked">
              Une personne propriétaire de la convention a retiré votre accès. Pour le retrouver, adressez-vous à elle.
            </AccessRefused>
          ) : collab?.outdated ? (
            <ClientOutdatedNotice keptChanges={collab.unsent.unsent} />
          ) : collab?.authFailed ? (
            <AccessRefused title="Accès au document refusé">
              Le serveur n’a pas autorisé l’ouverture de cette convention en temps réel.
            </AccessRefused>
          ) : ready && collab ? (
            <ConventionEditor
              conventionId={conventionId}
              collab={collab}
              user={collaborator}
              getPeriod={getPeriod}
              onEditor={setEditor}
            />
          ) : (
            <LoadingState
              label={
                connection !== 'disconnected'
                  ? 'Ouverture de la convention…'
                  : collab?.localCopy === 'empty'
                    ? 'Serveur injoignable, et cette convention n’a pas encore été ouverte sur cet appareil. Nouvelle tentative…'
                    : 'Serveur injoignable, nouvelle tentative…'
              }
            />
          )}
        </div>
      </main>
      {comments.open && !revoked && (
        <CommentsPanel
          conventionId={conventionId}
          comments={comments}
          userId={user.id}
          canWrite={canComment}
          canModerate={role === 'owner'}
          onClose={closeComments}
        />
      )}
      {editor && canComment && !revoked && (
        <SelectionCommentButton editor={editor} onComment={comments.commentSelection} />
      )}
      {exporting && <ExportDialog conventionId={conventionId} onClose={() => setExporting(false)} />}
      {showingVersions && (
        <VersionsPanel conventionId={conventionId} role={role} onClose={() => setShowingVersions(false)} />
      )}
      {collab?.frozen && !unsentDismissed && hasRefusedContent(conventionId) && (
        <UnsentTextDialog conventionId={conventionId} onClose={() => setUnsentDismissed(true)} />
      )}
      {showingActivity && role === 'owner' && (
        <ActivityLog conventionId={conventionId} title={title} onClose={() => setShowingActivity(false)} />
      )}
      {plenaries && <PlenaryDialog conventionId={conventionId} onClose={() => setPlenaries(false)} />}
      {sharing && (
        <ShareDialog
          conventionId={conventionId}
          title={title}
          canManage={role === 'owner'}
          currentUserId={user.id}
          onClose={() => setSharing(false)}
        />
      )}
    </div>
  )
}
