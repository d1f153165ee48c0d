import './versions.css'
import {
  CONVENTION_STATUS_LABELS,
  isFrozen,
  type Convention,
  type ConventionChange,
  type ConventionStatus,
  type Version,
} from '@ctg/shared'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { navigate } from '../routing/route.js'
import { confirmAction } from '../ui/confirmAction.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { Modal } from '../ui/Modal.js'
import { signatureCount } from './signatureCount.js'
import { StatusStepper } from './StatusStepper.js'
import { VersionComparison } from './VersionComparison.js'
import { VersionDocument } from './VersionDocument.js'
import { versionsApi } from './versionsApi.js'

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' })

const KIND_LABELS: Record<Version['kind'], string> = {
  auto: 'Version automatique',
  named: 'Version nommée',
  status: 'Étape',
  restore: 'Restauration',
}

const versionTitle = (v: Version) =>
  v.name ?? (v.kind === 'status' ? `Étape : ${CONVENTION_STATUS_LABELS[v.status]}` : KIND_LABELS[v.kind])

type View =
  | { kind: 'list' }
  | { kind: 'open'; version: Version; convention: Convention }
  | { kind: 'compare'; version: Version; changes: ConventionChange[]; before: Convention; after: Convention }
  | { kind: 'amendments'; changes: ConventionChange[]; after: Convention }

/**
 * The history of a convention: its status steps, its versions (author, date, what changed),
 * naming the current state, opening a version to read it, comparing it with now, restoring it.
 */
export function VersionsPanel({
  conventionId,
  role,
  onClose,
}: {
  conventionId: string
  role: string | undefined
  onClose: () => void
}) {
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [current, setCurrent] = useState<Convention | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [name, setName] = useState('')
  const [view, setView] = useState<View>({ kind: 'list' })
  const canWrite = role === 'owner' || role === 'editor'

  const load = useCallback(async () => {
    try {
      const [list, now] = await Promise.all([versionsApi.list(conventionId), versionsApi.current(conventionId)])
      setVersions(list)
      setCurrent(now)
    } catch (e) {
      setError(e)
    }
  }, [conventionId])
  useEffect(() => {
    void load()
  }, [load])

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
      await load()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const status: ConventionStatus = current?.status ?? 'draft'
  const frozen = isFrozen(status)
  const signatures = current ? signatureCount(current) : null

  const submitName = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    void run(async () => {
      await versionsApi.name(conventionId, name.trim())
      setName('')
    })
  }

  const open = (version: Version) =>
    run(async () =>
      setView({ kind: 'open', version, convention: await versionsApi.exportOf(conventionId, version.id) }),
    )
  const compare = (version: Version) =>
    run(async () => {
      const [changes, before, after] = await Promise.all([
        versionsApi.diff(conventionId, version.id, 'current'),
        versionsApi.exportOf(conventionId, version.id),
        versionsApi.current(conventionId),
      ])
      setView({ kind: 'compare', version, changes, before, after })
    })
  const restore = async (version: Version) => {
    const ok = await confirmAction({
      title: 'Restaurer cette version ?',
      message: `Le contenu de « ${versionTitle(version)} » remplacera le contenu actuel, comme une nouvelle modification : l’historique est conservé.`,
      confirmLabel: 'Restaurer',
      danger: false,
    })
    if (ok) void run(() => versionsApi.restore(conventionId, version.id))
  }
  const advance = async (next: Exclude<ConventionStatus, 'draft'>) => {
    const warning = isFrozen(next) ? ' À partir de cette étape, plus personne ne pourra modifier la convention.' : ''
    const ok = await confirmAction({
      title: `Passer à l’étape « ${CONVENTION_STATUS_LABELS[next]} » ?`,
      message: `Une version de la convention sera enregistrée pour cette étape.${warning}`,
      confirmLabel: 'Confirmer',
      danger: false,
    })
    if (ok) {
      void run(() => versionsApi.setStatus(conventionId, next))
    }
  }
  const startAvenant = () =>
    run(async () => {
      const { id } = await versionsApi.startAvenant(conventionId)
      navigate(`/c/${id}`)
    })

  const back = (
    <button type="button" className="button button--secondary" onClick={() => setView({ kind: 'list' })}>
      Retour à l’historique
    </button>
  )

  // a version opens over the whole page, laid out as in the editor, read-only
  if (view.kind === 'open')
    return (
      <Modal
        title={`${versionTitle(view.version)} — ${dateFormat.format(new Date(view.version.createdAt))}`}
        onClose={() => setView({ kind: 'list' })}
        wide
        testId="version-view"
        footer={back}
      >
        <p className="versions__lead">Lecture seule : cette version ne peut pas être modifiée.</p>
        <VersionDocument convention={view.convention} />
      </Modal>
    )

  return (
    <Modal title="Historique et versions" onClose={onClose} side testId="versions-panel">
      {error !== null && (
        <ErrorNotice error={error} title="L’opération n’a pas pu être réalisée." onDismiss={() => setError(null)} />
      )}
      {view.kind === 'amendments' ? (
        <div data-testid="amendments-view">
          <p className="versions__lead">Modifications apportées par l’avenant au texte adopté</p>
          {back}
          <VersionComparison changes={view.changes} before={null} after={view.after} />
        </div>
      ) : view.kind === 'compare' ? (
        <div data-testid="comparison-view">
          <p className="versions__lead">Différences entre « {versionTitle(view.version)} » et la version actuelle</p>
          {back}
          <VersionComparison changes={view.changes} before={view.before} after={view.after} />
        </div>
      ) : (
        <>
          <StatusStepper status={status} canAdvance={role === 'owner'} busy={busy} onAdvance={advance} />
          {signatures && signatures.total > 0 && (
            <p className="versions__signatures" data-testid="signature-count">
              {signatures.signed} signature{signatures.signed > 1 ? 's' : ''} sur {signatures.total}
            </p>
          )}
          {current?.amends && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setView({ kind: 'amendments', changes: current.amendments?.changes ?? [], after: current })
              }
              data-testid="amendments-open"
            >
              Voir les modifications par rapport au texte adopté
            </button>
          )}
          {frozen && role === 'owner' && (
            <button type="button" className="button button--secondary" disabled={busy} onClick={startAvenant}>
              Commencer un avenant
            </button>
          )}
          {canWrite && (
            <form className="versions__name-form" onSubmit={submitName}>
              <label htmlFor="version-name">Nommer l’état actuel</label>
              <input
                id="version-name"
                className="input"
                value={name}
                maxLength={200}
                placeholder="Version présentée au COPIL du 8 décembre"
                onChange={(e) => setName(e.target.value)}
              />
              <button type="submit" className="button button--primary" disabled={busy || !name.trim()}>
                Nommer cette version
              </button>
            </form>
          )}
          {versions === null ? (
            <LoadingState label="Chargement de l’historique…" />
          ) : versions.length === 0 ? (
            <p>Aucune version pour l’instant : elles sont enregistrées automatiquement pendant le travail.</p>
          ) : (
            <ol className="versions__list" data-testid="versions-list">
              {versions.map((version) => (
                <li key={version.id} className="versions__item" data-testid="version-item">
                  <p className="versions__title">{versionTitle(version)}</p>
                  <p className="versions__meta">
                    {dateFormat.format(new Date(version.createdAt))}
                    {version.author ? ` · ${version.author.name}` : ''}
                  </p>
                  <p className="versions__summary">{version.summary}</p>
                  <div className="versions__actions">
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => void open(version)}
                    >
                      Ouvrir
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => void compare(version)}
                    >
                      Comparer avec maintenant
                    </button>
                    {canWrite && !frozen && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        onClick={() => void restore(version)}
                      >
                        Restaurer
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Modal>
  )
}
