import { DEFAULT_PLENARY_HOURS, DEFAULT_SUPPORTS_PER_PARTICIPANT, MAX_PLENARY_TITLE } from '@ctg/shared'
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { formatDateTime } from '../format/formatDate.js'
import { Link } from '../routing/Link.js'
import { facilitatePath } from '../routing/route.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { Modal } from '../ui/Modal.js'
import { fromLocalInput, toLocalInput } from './endsAtInput.js'
import { plenaryApi } from './plenaryApi.js'
import { PlenaryInvite } from './PlenaryInvite.js'
import type { Moderation, Plenary } from './plenaryTypes.js'

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000)

/**
 * The convention's plénières (owners and rédacteurs): open one, then show its code, link
 * and QR code to project, and the way to the facilitator's view.
 */
export function PlenaryDialog({ conventionId, onClose }: { conventionId: string; onClose: () => void }) {
  const [plenaries, setPlenaries] = useState<Plenary[] | null>(null)
  const [opened, setOpened] = useState<Plenary | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [title, setTitle] = useState('')
  const [supports, setSupports] = useState(String(DEFAULT_SUPPORTS_PER_PARTICIPANT))
  const [moderation, setModeration] = useState<Moderation>('after')
  const [endsAt, setEndsAt] = useState(() => toLocalInput(inHours(DEFAULT_PLENARY_HOURS)))
  const ids = useId()

  const reload = useCallback(
    () => plenaryApi.list(conventionId).then(setPlenaries, (e: unknown) => setError(e)),
    [conventionId],
  )
  useEffect(() => void reload(), [reload])

  const open = async (event: FormEvent) => {
    event.preventDefault()
    const ends = fromLocalInput(endsAt)
    setBusy(true)
    setError(null)
    try {
      const plenary = await plenaryApi.open(conventionId, {
        title: title.trim(),
        supportsPerParticipant: Number(supports),
        moderation,
        ...(ends ? { endsAt: ends } : {}),
      })
      setOpened(plenary)
      setTitle('')
      await reload()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="Plénières" onClose={onClose} testId="plenary-dialog" wide>
      {opened ? (
        <section className="plenary-opened" aria-labelledby={`${ids}-opened`} data-testid="plenary-opened">
          <h3 id={`${ids}-opened`} className="share-section__title">
            « {opened.title} » est ouverte
          </h3>
          <p className="modal__lead">
            Projetez le code ou le QR code : chacun rejoint depuis son téléphone, sans compte.
          </p>
          <PlenaryInvite code={opened.code} joinUrl={opened.joinUrl} />
          <div className="plenary-opened__actions">
            <Link
              href={facilitatePath(conventionId, opened.id)}
              className="button button--primary"
              data-testid="plenary-facilitate"
            >
              Animer la plénière
            </Link>
            <Link href={facilitatePath(conventionId, opened.id, true)} className="button button--secondary">
              Mode projection
            </Link>
            <button type="button" className="button button--secondary" onClick={() => setOpened(null)}>
              Retour à la liste
            </button>
          </div>
        </section>
      ) : (
        <>
          <h3 className="share-section__title">Plénières de la convention</h3>
          {plenaries === null && error === null && <p>Chargement…</p>}
          {plenaries?.length === 0 && <p className="plenary-list__empty">Aucune plénière pour l’instant.</p>}
          {plenaries && plenaries.length > 0 && (
            <ul className="plenary-list" data-testid="plenary-list">
              {plenaries.map((p) => (
                <li key={p.id} className="plenary-list__item" data-testid="plenary-list-item">
                  <div className="plenary-list__what">
                    <span className="plenary-list__title">{p.title}</span>
                    <span className="plenary-list__detail">
                      {p.status === 'open' ? (
                        <>
                          <span className="badge badge--success">En cours</span> code{' '}
                          <strong className="plenary-list__code">{p.code}</strong> · jusqu’à {formatDateTime(p.endsAt)}
                        </>
                      ) : (
                        <>
                          <span className="badge badge--info">Clôturée</span> {formatDateTime(p.openedAt)}
                        </>
                      )}
                      {' · '}
                      {p.participantCount} participant{p.participantCount > 1 ? 's' : ''}
                    </span>
                  </div>
                  <Link
                    href={facilitatePath(conventionId, p.id)}
                    className="button button--secondary"
                    data-testid="plenary-list-open"
                  >
                    {p.status === 'open' ? 'Animer' : 'Résultats'}
                    <span className="visually-hidden"> : {p.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {error !== null && <ErrorNotice error={error} title="L’opération n’a pas pu être réalisée." />}
          <form className="form plenary-open" onSubmit={open} data-testid="plenary-open-form">
            <h3 className="share-section__title">Ouvrir une plénière</h3>
            <div className="form-field">
              <label htmlFor={`${ids}-title`}>Titre</label>
              <input
                id={`${ids}-title`}
                className="input"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={MAX_PLENARY_TITLE}
                placeholder="Atelier petite enfance — 12 mars"
                required
                data-testid="plenary-title"
              />
            </div>
            <div className="form-grid">
              <div className="form-field">
                <label htmlFor={`${ids}-supports`}>Soutiens par participant</label>
                <input
                  id={`${ids}-supports`}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={50}
                  value={supports}
                  onChange={(e) => setSupports(e.target.value)}
                  required
                  aria-describedby={`${ids}-supports-hint`}
                  data-testid="plenary-supports"
                />
                <p className="form-field__hint" id={`${ids}-supports-hint`}>
                  Le nombre de fiches que chacun peut soutenir.
                </p>
              </div>
              <div className="form-field">
                <label htmlFor={`${ids}-ends`}>Fin de la plénière</label>
                <input
                  id={`${ids}-ends`}
                  className="input"
                  type="datetime-local"
                  value={endsAt}
                  min={toLocalInput(new Date())}
                  onChange={(e) => setEndsAt(e.target.value)}
                  required
                  aria-describedby={`${ids}-ends-hint`}
                  data-testid="plenary-ends-at"
                />
                <p className="form-field__hint" id={`${ids}-ends-hint`}>
                  Les accès se ferment alors d’eux-mêmes, si vous n’avez pas clôturé avant.
                </p>
              </div>
            </div>
            <fieldset className="form-field share-roles">
              <legend>Commentaires des participants</legend>
              <label className="share-role">
                <input
                  type="radio"
                  name={`${ids}-moderation`}
                  value="after"
                  checked={moderation === 'after'}
                  onChange={() => setModeration('after')}
                  data-testid="plenary-moderation-after"
                />
                <span className="share-role__label">Affichés aussitôt</span>
                <span className="share-role__hint">Vous pouvez masquer ensuite ceux qui ne conviennent pas.</span>
              </label>
              <label className="share-role">
                <input
                  type="radio"
                  name={`${ids}-moderation`}
                  value="before"
                  checked={moderation === 'before'}
                  onChange={() => setModeration('before')}
                  data-testid="plenary-moderation-before"
                />
                <span className="share-role__label">Affichés après validation</span>
                <span className="share-role__hint">
                  Chaque commentaire reste masqué jusqu’à ce que vous l’affichiez.
                </span>
              </label>
            </fieldset>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || !title.trim()}
              data-testid="plenary-open-submit"
            >
              {busy ? 'Ouverture…' : 'Ouvrir la plénière'}
            </button>
          </form>
        </>
      )}
    </Modal>
  )
}
