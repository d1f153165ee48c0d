import type { ActivityEntry } from '@ctg/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { api } from '../api/apiClient.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { Modal } from '../ui/Modal.js'
import { describeActivity } from './describeActivity.js'
import { groupByDay } from './groupByDay.js'

const PAGE_SIZE = 50
const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' })

/**
 * The convention's activity log, for its owners: who opened, changed, shared or exported
 * it, newest first, grouped by day, in sentences large enough for a projector.
 */
export function ActivityLog({
  conventionId,
  title,
  onClose,
}: {
  conventionId: string
  title: string
  onClose: () => void
}) {
  const [entries, setEntries] = useState<ActivityEntry[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(
    async (before?: number) => {
      setLoading(true)
      setError(null)
      try {
        const page = await api.activity(conventionId, before, PAGE_SIZE)
        setEntries((current) => (before === undefined ? page.activity : [...current, ...page.activity]))
        setNext(page.next)
      } catch (e) {
        setError(e)
      } finally {
        setLoading(false)
      }
    },
    [conventionId],
  )
  useEffect(() => void load(), [load])

  const days = useMemo(() => groupByDay(entries), [entries])

  return (
    <Modal title="Journal d’activité" onClose={onClose} side testId="activity-log">
      <p className="modal__lead">
        Qui a ouvert, modifié, partagé ou exporté « {title} », des actions les plus récentes aux plus anciennes.
      </p>
      {days.map((day) => (
        <section key={day.label} className="activity-day" aria-label={day.label}>
          <h3 className="activity-day__title">{day.label}</h3>
          <ol className="activity-list">
            {day.entries.map((entry) => {
              const { actor, text } = describeActivity(entry)
              return (
                <li key={entry.seq} className="activity-entry" data-action={entry.action} data-testid="activity-entry">
                  <time className="activity-entry__time" dateTime={entry.at}>
                    {timeFormat.format(new Date(entry.at))}
                  </time>
                  <p className="activity-entry__text">
                    <strong>{actor}</strong> {text}
                  </p>
                </li>
              )
            })}
          </ol>
        </section>
      ))}
      {!loading && error === null && entries.length === 0 && (
        <p className="muted">Aucune activité n’a encore été enregistrée pour cette convention.</p>
      )}
      {error !== null && <ErrorNotice error={error} title="Le journal d’activité n’a pas pu être chargé." />}
      {loading ? (
        <LoadingState label="Chargement du journal…" />
      ) : (
        next !== null && (
          <button
            type="button"
            className="button button--secondary activity-more"
            onClick={() => void load(next)}
            data-testid="activity-more"
          >
            Afficher les entrées plus anciennes
          </button>
        )
      )}
    </Modal>
  )
}
