import { useState, type FormEvent } from 'react'
import { api } from '../api/apiClient.js'
import { Modal } from '../ui/Modal.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LONGEST_PERIOD_YEARS, TITLE_MAX_LENGTH, YEAR_MAX, YEAR_MIN } from '@ctg/shared'

type Template = 'national' | 'blank'

const DEFAULT_START = 2026
const DEFAULT_END = 2030

function periodProblem(start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'Indiquez deux années.'
  if (start < YEAR_MIN || end > YEAR_MAX) return `Les années doivent être comprises entre ${YEAR_MIN} et ${YEAR_MAX}.`
  if (end < start) return 'L’année de fin doit être postérieure ou égale à l’année de début.'
  if (end - start > LONGEST_PERIOD_YEARS) return `Une convention couvre au plus ${LONGEST_PERIOD_YEARS + 1} années.`
  return null
}

export function NewConventionDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [title, setTitle] = useState('')
  const [start, setStart] = useState(String(DEFAULT_START))
  const [end, setEnd] = useState(String(DEFAULT_END))
  const [template, setTemplate] = useState<Template>('national')
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [touched, setTouched] = useState(false)

  const period = { start: Number(start), end: Number(end) }
  const problem = periodProblem(period.start, period.end)
  const titleMissing = title.trim() === ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (titleMissing || problem) return
    setSubmitting(true)
    setError(null)
    try {
      onCreated(await api.createConvention({ title: title.trim(), template, period }))
    } catch (e) {
      setError(e)
      setSubmitting(false)
    }
  }

  return (
    <Modal
      title="Nouvelle convention"
      onClose={onClose}
      wide
      testId="new-convention-dialog"
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Annuler
          </button>
          <button
            type="submit"
            form="new-convention-form"
            className="button button--primary"
            data-testid="create-submit"
            disabled={submitting}
          >
            {submitting ? 'Création…' : 'Créer la convention'}
          </button>
        </>
      }
    >
      <form id="new-convention-form" className="form" onSubmit={submit} noValidate>
        <div className="form-field">
          <label htmlFor="new-title">Titre de la convention</label>
          <p className="form-field__hint" id="new-title-hint">
            Par exemple : « CTG Provence Alpes Agglomération 2026-2030 ».
          </p>
          <input
            id="new-title"
            name="title"
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={TITLE_MAX_LENGTH}
            autoFocus
            required
            aria-describedby="new-title-hint"
            aria-invalid={touched && titleMissing}
            data-testid="create-title"
          />
          {touched && titleMissing && <p className="form-field__error">Donnez un titre à la convention.</p>}
        </div>

        <fieldset className="form-field">
          <legend>Période de la convention</legend>
          <p className="form-field__hint">Une CTG couvre généralement 4 à 5 ans.</p>
          <div className="form-row">
            <label className="form-inline">
              <span>Du 1er janvier</span>
              <input
                type="number"
                className="input input--year"
                min={YEAR_MIN}
                max={YEAR_MAX}
                value={start}
                onChange={(e) => setStart(e.target.value)}
                data-testid="create-start"
              />
            </label>
            <label className="form-inline">
              <span>au 31 décembre</span>
              <input
                type="number"
                className="input input--year"
                min={YEAR_MIN}
                max={YEAR_MAX}
                value={end}
                onChange={(e) => setEnd(e.target.value)}
                data-testid="create-end"
              />
            </label>
          </div>
          {problem && (
            <p className="form-field__error" role="alert">
              {problem}
            </p>
          )}
        </fieldset>

        <fieldset className="form-field">
          <legend>Point de départ</legend>
          <div className="choice-cards">
            <label className={`choice-card${template === 'national' ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="template"
                value="national"
                checked={template === 'national'}
                onChange={() => setTemplate('national')}
                data-testid="template-national"
              />
              <span className="choice-card__body">
                <span className="choice-card__title">
                  Modèle national <span className="badge badge--info">Recommandé</span>
                </span>
                <span className="choice-card__text">
                  Parties, préambule, articles 1 à 14, signatures, annexes 1 à 5 avec une fiche action, un tableau
                  d’indicateurs et un bloc de signataires, prêts à compléter.
                </span>
              </span>
            </label>
            <label className={`choice-card${template === 'blank' ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="template"
                value="blank"
                checked={template === 'blank'}
                onChange={() => setTemplate('blank')}
                data-testid="template-blank"
              />
              <span className="choice-card__body">
                <span className="choice-card__title">Document vierge</span>
                <span className="choice-card__text">
                  Une page blanche, pour une feuille de route ou une structure propre à votre territoire. Les blocs
                  structurés s’ajoutent ensuite depuis la barre d’outils.
                </span>
              </span>
            </label>
          </div>
        </fieldset>
        {error !== null && <ErrorNotice error={error} title="La convention n’a pas pu être créée." />}
      </form>
    </Modal>
  )
}
