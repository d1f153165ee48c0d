import { useCallback, useEffect, useMemo, useState } from 'react'
import * as Y from 'yjs'
import { ApiError } from '../api/ApiError.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { CommentSheet } from './CommentSheet.js'
import type { CommentTarget } from './commentTarget.js'
import { LiveConvention } from './LiveConvention.js'
import { participantApi } from './plenaryApi.js'
import type { ParticipantState, PlenaryComment } from './plenaryTypes.js'
import { supportsLeft } from './supportsLeft.js'
import { useLiveDocument } from './useLiveDocument.js'
import { useSelectedPassage } from './useSelectedPassage.js'
import { useYVersion } from './useYVersion.js'
import { fichesOf } from './yContent.js'

export type ParticipationEnd = 'closed' | 'excluded'

/** how often the page asks whether it may still take part, should a live message be missed */
const STATUS_CHECK_MS = 20_000
/** how long "Commentaire envoyé" stays on screen */
const TOAST_MS = 6_000

/**
 * A participant's phone during the plénière: the convention read live, the fiches as cards
 * to support, comments on a passage, a fiche or a key action.
 */
export function ParticipantView({
  code,
  documentName,
  initial,
  token,
  onEnded,
}: {
  code: string
  /** the convention's shared document; null: the server did not name it (the page then cannot follow edits) */
  documentName: string | null
  initial: ParticipantState
  token?: string
  onEnded: (end: ParticipationEnd) => void
}) {
  const [state, setState] = useState(initial)
  const [supported, setSupported] = useState<ReadonlySet<string>>(() => new Set(initial.supports))
  const [remaining, setRemaining] = useState<number>(initial.remaining)
  const [supportBusy, setSupportBusy] = useState(false)
  const [supportError, setSupportError] = useState<unknown>(null)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set())
  const [commenting, setCommenting] = useState<CommentTarget | null>(null)
  const [sent, setSent] = useState<PlenaryComment[]>([])
  const [lastSent, setLastSent] = useState<string | null>(null)

  /** what a refusal of the participant's credential means: closed (410) or excluded (401) */
  const ended = useCallback(
    (error: unknown): boolean => {
      if (!(error instanceof ApiError)) return false
      if (error.status === 410) onEnded('closed')
      else if (error.status === 401) onEnded('excluded')
      else return false
      return true
    },
    [onEnded],
  )

  const recheck = useCallback(() => {
    participantApi.me(code).then(
      (me) => {
        if (me.plenary.status === 'closed') return onEnded('closed')
        setState(me)
      },
      (error: unknown) => void ended(error),
    )
  }, [code, ended, onEnded])

  const live = useLiveDocument(documentName, {
    token,
    // the server says `closed` or `excluded` to this socket, then closes it: ask what holds now
    onMessage: (payload) => payload.includes('"plenary"') && recheck(),
    onRefused: recheck,
  })

  useEffect(() => {
    const timer = setInterval(recheck, STATUS_CHECK_MS)
    const onVisible = () => document.visibilityState === 'visible' && recheck()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [recheck])

  const fragment = useMemo(() => live?.ydoc.getXmlFragment('default') ?? null, [live?.ydoc])
  const version = useYVersion(fragment as Y.AbstractType<unknown> | null)
  const fiches = useMemo(() => (fragment ? fichesOf(fragment) : []), [fragment, version])
  const passage = useSelectedPassage()

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (!next.delete(id)) next.add(id)
      return next
    })

  /** opens a fiche and brings it to the top of the screen, its heading focused */
  const goTo = (id: string) => {
    setExpanded((current) => new Set(current).add(id))
    requestAnimationFrame(() => {
      const toggle = document.getElementById(`card-heading-${id}`)?.querySelector('button')
      toggle?.scrollIntoView({ block: 'start' })
      toggle?.focus({ preventScroll: true })
    })
  }

  const support = async (blockId: string, add: boolean) => {
    const next = new Set(supported)
    if (add) next.add(blockId)
    else next.delete(blockId)
    setSupportBusy(true)
    setSupportError(null)
    try {
      const answer = await participantApi.setSupports(code, [...next])
      setSupported(new Set(answer.supports))
      setRemaining(answer.remaining)
    } catch (error) {
      if (!ended(error)) setSupportError(error)
    } finally {
      setSupportBusy(false)
    }
  }

  const sendComment = async (body: string) => {
    if (!commenting) return
    const anchor = commenting.kind === 'block' ? { blockId: commenting.blockId } : commenting.anchor
    try {
      const { thread } = await participantApi.comment(code, anchor, body)
      setSent((list) => [
        ...list,
        {
          threadId: thread.id,
          anchor: { quote: commenting.kind === 'passage' ? commenting.quote : commenting.label, detached: false },
          participant: state.participant,
          body,
          createdAt: new Date().toISOString(),
          hidden: false,
        },
      ])
      setLastSent(commenting.label)
      setCommenting(null)
      document.getSelection()?.removeAllRanges()
    } catch (error) {
      if (!ended(error)) throw error
    }
  }

  const commentPassage = () => {
    if (!passage?.ok) return
    const fiche = fiches.find((f) => f.id === passage.blockId || f.keyActions.some((a) => a.id === passage.blockId))
    const action = fiche?.keyActions.find((a) => a.id === passage.blockId)
    const label = action
      ? `Action clé ${action.number}`
      : fiche
        ? `Fiche action n°${fiche.number}`
        : 'Passage de la convention'
    setCommenting({ kind: 'passage', anchor: passage.anchor, quote: passage.quote, label })
  }

  // the participant's own comments: those the server knows (a reload), then those sent here
  const mine = useMemo(() => {
    const known = state.comments.filter((c) => c.participant.id === state.participant.id)
    const ids = new Set(known.map((c) => c.threadId))
    return [...known, ...sent.filter((c) => !ids.has(c.threadId))]
  }, [state, sent])

  useEffect(() => {
    if (!lastSent) return
    const timer = setTimeout(() => setLastSent(null), TOAST_MS)
    return () => clearTimeout(timer)
  }, [lastSent])

  const budget = state.plenary.supportsPerParticipant
  const title = live ? (live.ydoc.getMap('meta').get('title') as string | undefined) : undefined

  return (
    <div className="participant" data-testid="participant-view">
      <header className="participant__header">
        <p className="participant__kicker">
          Plénière · <span className="participant__code">{code}</span>
        </p>
        <p className="participant__plenary">{state.plenary.title}</p>
        <p className="participant__who">
          Vous participez en tant que <strong data-testid="participant-name">{state.participant.name}</strong>
        </p>
      </header>
      <div className="participant__supports" role="status" data-testid="supports-left" id="supports-left">
        <span className="participant__supports-text">{supportsLeft(remaining)}</span>
        {budget > 0 && (
          <span className="participant__supports-dots" aria-hidden="true">
            {Array.from({ length: budget }, (_, i) => (
              <span key={i} className={`participant__dot${i < budget - remaining ? ' is-used' : ''}`} />
            ))}
          </span>
        )}
      </div>
      <main className="participant__main" id="main">
        <h1 className="participant__title">{title || state.plenary.conventionTitle}</h1>
        <p className="participant__intro">
          Ouvrez une fiche pour la lire. Soutenez jusqu’à {budget} fiche{budget > 1 ? 's' : ''} ; vous pouvez changer
          d’avis jusqu’à la fin. Pour commenter un passage, sélectionnez-le.
        </p>
        {fiches.length > 1 && (
          <nav className="participant__jump" aria-label="Aller à une fiche">
            <p className="participant__jump-label" aria-hidden="true">
              Aller à la fiche :
            </p>
            <ul>
              {fiches.map((f) => (
                <li key={f.id}>
                  <button
                    type="button"
                    className={`participant__jump-button${supported.has(f.id) ? ' is-supported' : ''}`}
                    onClick={() => goTo(f.id)}
                  >
                    n°{f.number}
                    <span className="visually-hidden">
                      {' '}
                      — {f.title || f.theme}
                      {supported.has(f.id) ? ' (soutenue)' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {supportError !== null && (
          <ErrorNotice
            error={supportError}
            title="Votre soutien n’a pas été enregistré."
            onDismiss={() => setSupportError(null)}
          />
        )}
        {live?.synced && fragment ? (
          <LiveConvention
            fragment={fragment}
            fiches={fiches}
            expanded={expanded}
            onToggle={toggle}
            supported={supported}
            remaining={remaining}
            supportBusy={supportBusy}
            onSupport={(id, add) => void support(id, add)}
            onComment={setCommenting}
            title={title || state.plenary.conventionTitle}
          />
        ) : documentName ? (
          <LoadingState label="Ouverture de la convention…" />
        ) : (
          <p className="notice notice--warning">La convention ne peut pas être affichée pour le moment.</p>
        )}
        {mine.length > 0 && (
          <section className="participant__mine" aria-labelledby="my-comments">
            <h2 id="my-comments">Vos commentaires ({mine.length})</h2>
            <ul>
              {mine.map((c) => (
                <li key={c.threadId} data-testid="my-comment">
                  {c.anchor.quote && <p className="participant__mine-quote">{c.anchor.quote}</p>}
                  <p className="participant__mine-body">{c.body}</p>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
      {/* at the bottom of the screen, where the person is, whatever they scrolled to */}
      <div className="participant__toast" role="status">
        {lastSent && (
          <p className="participant__toast-text" data-testid="comment-sent">
            Commentaire envoyé ({lastSent}). Merci !
          </p>
        )}
      </div>
      {passage && (
        <div className="participant__selection" role="region" aria-label="Passage sélectionné">
          {passage.ok ? (
            <button
              type="button"
              className="button button--primary participant__selection-button"
              // keep the selection: a tap would clear it before the click
              onMouseDown={(e) => e.preventDefault()}
              onClick={commentPassage}
              data-testid="comment-passage"
            >
              Commenter le passage sélectionné
            </button>
          ) : (
            <p className="participant__selection-hint">{passage.reason}</p>
          )}
        </div>
      )}
      {commenting && <CommentSheet target={commenting} onSend={sendComment} onClose={() => setCommenting(null)} />}
    </div>
  )
}
