import { useId, useState, type FormEvent } from 'react'
import { navigate, plenaryJoinPath } from '../routing/route.js'

/** where a participant types the code shown on the wall (6 characters, any case) */
export function PlenaryCodeForm({ initial = '', problem }: { initial?: string; problem?: string }) {
  const [code, setCode] = useState(initial)
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const typed = code.replace(/\s+/g, '').toUpperCase()
    if (typed) navigate(plenaryJoinPath(typed))
  }
  return (
    <form className="form plenary-code-form" onSubmit={submit}>
      <div className="form-field">
        <label htmlFor={id}>Code de la plénière</label>
        <input
          id={id}
          className="input plenary-code-form__input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          placeholder="Ex. : K7M2QP"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint`}
          data-testid="plenary-code"
        />
        <p className="form-field__hint" id={`${id}-hint`}>
          {problem ?? 'Les 6 caractères affichés au mur, en majuscules ou en minuscules.'}
        </p>
      </div>
      <button type="submit" className="button button--primary plenary-join__submit" data-testid="plenary-code-submit">
        Continuer
      </button>
    </form>
  )
}
