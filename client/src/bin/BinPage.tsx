import type { BinnedConvention } from '@ctg/shared'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api/apiClient.js'
import { formatDate, formatDateTime } from '../format/formatDate.js'
import { formatPeriod } from '../format/formatPeriod.js'
import { Link } from '../routing/Link.js'
import { conventionPath } from '../routing/route.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'

type BinState =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; items: BinnedConvention[]; retentionDays: number }

/** What was just restored, to say so and offer to open it. */
interface Restored {
  id: string
  title: string
}

/**
 * The owner's bin: the conventions they moved (or a co-owner moved) to the bin, each with
 * who did it, and the date it will be deleted for good; "Restaurer" gives it back to
 * everyone who had access.
 */
export function BinPage() {
  const [bin, setBin] = useState<BinState>({ state: 'loading' })
  const [restoring, setRestoring] = useState<string | null>(null)
  const [restored, setRestored] = useState<Restored | null>(null)
  const [restoreError, setRestoreError] = useState<unknown>(null)

  const load = useCallback(() => {
    api.listBin().then(
      ({ conventions, retentionDays }) => setBin({ state: 'ready', items: conventions, retentionDays }),
      (error: unknown) => setBin({ state: 'error', error }),
    )
  }, [])

  useEffect(() => {
    document.title = 'Corbeille – CTG'
    load()
  }, [load])

  const restore = async (convention: BinnedConvention) => {
    setRestoring(convention.id)
    setRestoreError(null)
    setRestored(null)
    try {
      await api.restoreConvention(convention.id)
      setRestored({ id: convention.id, title: convention.title })
      load()
    } catch (error) {
      setRestoreError(error)
      load()
    } finally {
      setRestoring(null)
    }
  }

  return (
    <main className="page" id="main">
      <div className="page-heading">
        <div>
          <h1>Corbeille</h1>
          <p className="page-heading__lead">
            {bin.state === 'ready'
              ? `Les conventions que vous possédez restent ici ${retention(bin.retentionDays)} après leur mise à la corbeille, puis sont supprimées définitivement.`
              : 'Les conventions que vous possédez restent ici un temps avant d’être supprimées définitivement.'}
          </p>
        </div>
        <div className="page-heading__actions">
          <Link href="/" className="button button--secondary">
            Retour à mes conventions
          </Link>
        </div>
      </div>

      <div aria-live="polite">
        {restored && (
          <div className="notice notice--success" data-testid="bin-restored">
            <p>
              « {restored.title || 'Convention sans titre'} » a été restaurée : elle est de nouveau accessible à toutes
              les personnes qui y avaient accès. <Link href={conventionPath(restored.id)}>Ouvrir la convention</Link>
            </p>
          </div>
        )}
      </div>
      {restoreError !== null && (
        <ErrorNotice
          error={restoreError}
          title="La convention n’a pas pu être restaurée."
          onDismiss={() => setRestoreError(null)}
        />
      )}

      {bin.state === 'loading' && <LoadingState label="Chargement de la corbeille…" />}
      {bin.state === 'error' && (
        <div>
          <ErrorNotice error={bin.error} title="La corbeille n’a pas pu être chargée." />
          <button type="button" className="button button--secondary" onClick={load}>
            Réessayer
          </button>
        </div>
      )}
      {bin.state === 'ready' && bin.items.length === 0 && (
        <div className="empty-state" data-testid="bin-list" data-empty="true">
          <h2>La corbeille est vide</h2>
          <p>
            Une convention mise à la corbeille par une personne propriétaire apparaît ici, jusqu’à sa suppression
            définitive.
          </p>
        </div>
      )}
      {bin.state === 'ready' && bin.items.length > 0 && (
        <section aria-labelledby="bin-count" data-testid="bin-list">
          <h2 id="bin-count" className="list-toolbar__count">
            {bin.items.length === 1
              ? '1 convention dans la corbeille'
              : `${bin.items.length} conventions dans la corbeille`}
          </h2>
          <ul className="convention-list bin-list">
            {bin.items.map((c) => (
              <li key={c.id} className="convention-card bin-card" data-testid="bin-card" data-convention-id={c.id}>
                <div className="convention-card__period">
                  <span className="visually-hidden">Période </span>
                  {formatPeriod(c.period)}
                </div>
                <h3 className="convention-card__title">{c.title || 'Convention sans titre'}</h3>
                <dl className="convention-card__meta">
                  <div>
                    <dt>Mise à la corbeille</dt>
                    <dd>
                      <time dateTime={c.deletedAt} title={formatDateTime(c.deletedAt)}>
                        le {formatDate(c.deletedAt)}
                      </time>
                      {c.deletedBy ? ` par ${c.deletedBy.name}` : ''}
                    </dd>
                  </div>
                </dl>
                <p className="bin-card__purge" data-testid="bin-purge">
                  Supprimée définitivement le{' '}
                  <time dateTime={c.purgeAt} title={formatDateTime(c.purgeAt)}>
                    {formatDate(c.purgeAt)}
                  </time>
                </p>
                <div className="bin-card__actions">
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => restore(c)}
                    disabled={restoring !== null}
                    aria-label={`Restaurer « ${c.title || 'Convention sans titre'} »`}
                    data-testid="bin-restore"
                  >
                    {restoring === c.id ? 'Restauration…' : 'Restaurer'}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  )
}

/** "30 jours", "1 jour", "12 heures" (fractions of a day, for trials) */
function retention(days: number): string {
  if (days >= 1) return Math.round(days) === 1 ? '1 jour' : `${Math.round(days)} jours`
  const hours = Math.max(0, Math.round(days * 24))
  return hours === 1 ? '1 heure' : `${hours} heures`
}
