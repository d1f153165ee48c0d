import { useEffect, useState } from 'react'
import { Link } from '../routing/Link.js'
import { facilitatePath } from '../routing/route.js'
import type { PlenaryDetails } from './plenaryTypes.js'
import { spacedCode } from './PlenaryInvite.js'
import { QrCode } from './QrCode.js'
import type { RankedRow } from './rankedFiches.js'
import { RankingList } from './RankingList.js'

/** how many fiches the wall shows: more would not be readable from the back of the room */
const SHOWN = 5

const hideKey = (plenaryId: string) => `ctg-plenary-hide-counts:${plenaryId}`

function readHidden(plenaryId: string): boolean {
  try {
    return localStorage.getItem(hideKey(plenaryId)) === '1'
  } catch {
    return false
  }
}

/**
 * The plénière on the room's wall (1920×1080): how to join, the ranking and the number of
 * comments, large. Counts may stay hidden until the end, so that nobody supports a fiche
 * because others did.
 */
export function ProjectionView({
  conventionId,
  details,
  rows,
  conventionTitle,
}: {
  conventionId: string
  details: PlenaryDetails
  rows: RankedRow[]
  conventionTitle: string
}) {
  const { plenary } = details
  const [hideCounts, setHideCounts] = useState(() => readHidden(plenary.id))
  const open = plenary.status === 'open'
  const hidden = hideCounts && open
  const participants = details.participants.filter((p) => !p.excluded).length
  const supported = rows.filter((r) => r.supports > 0)
  const comments = details.comments.filter((c) => !c.hidden).length
  const joinAddress = plenary.joinUrl.replace(/^https?:\/\//, '').replace(/\/p\/[^/]*$/, '/pleniere')

  useEffect(() => {
    try {
      localStorage.setItem(hideKey(plenary.id), hideCounts ? '1' : '0')
    } catch {
      // the choice then lasts as long as the page
    }
  }, [plenary.id, hideCounts])

  return (
    <div className="projection" data-testid="projection-view">
      <main className="projection__main" id="main">
        <section className="projection__join" aria-labelledby="projection-join-title">
          {open ? (
            <>
              <h1 id="projection-join-title" className="projection__call">
                Participez depuis votre téléphone
              </h1>
              <QrCode text={plenary.joinUrl} label={`QR code pour rejoindre la plénière, code ${plenary.code}`} />
              <p className="projection__address">
                ou allez sur <strong>{joinAddress}</strong> et tapez le code
              </p>
              <p className="projection__code" data-testid="projection-code">
                {spacedCode(plenary.code)}
              </p>
            </>
          ) : (
            <>
              <h1 id="projection-join-title" className="projection__call">
                La plénière est terminée
              </h1>
              <p className="projection__thanks">Merci à toutes et à tous pour votre participation !</p>
            </>
          )}
        </section>
        <section className="projection__results" aria-labelledby="projection-ranking-title">
          <p className="projection__title">
            {plenary.title}
            {conventionTitle && <span className="projection__convention"> · {conventionTitle}</span>}
          </p>
          <h2 id="projection-ranking-title" className="projection__heading">
            {hidden ? 'Les fiches' : 'Les fiches les plus soutenues'}
          </h2>
          {hidden && <p className="projection__veiled">Le classement sera dévoilé à la fin de la plénière.</p>}
          {/* hidden: the fiches in document order, so that the order says nothing either */}
          {hidden ? (
            <RankingList
              rows={[...rows].sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity))}
              hideCounts
              short
              limit={SHOWN + 1}
            />
          ) : supported.length > 0 ? (
            <RankingList rows={supported} limit={SHOWN} short />
          ) : (
            <p className="projection__veiled">Aucune fiche n’a encore été soutenue.</p>
          )}
          <dl className="projection__figures">
            <div>
              <dt>participant{participants > 1 ? 's' : ''}</dt>
              <dd data-testid="projection-participants">{participants}</dd>
            </div>
            <div>
              <dt>commentaire{comments > 1 ? 's' : ''}</dt>
              <dd data-testid="projection-comments">{comments}</dd>
            </div>
          </dl>
        </section>
      </main>
      <nav className="projection__controls" aria-label="Réglages de la projection">
        <label className="projection__toggle">
          <input
            type="checkbox"
            checked={hideCounts}
            onChange={(e) => setHideCounts(e.target.checked)}
            data-testid="projection-hide-counts"
          />
          Masquer le classement jusqu’à la clôture
        </label>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
        >
          Plein écran
        </button>
        <Link href={facilitatePath(conventionId, plenary.id)} className="button button--secondary button--small">
          Quitter la projection
        </Link>
      </nav>
    </div>
  )
}
