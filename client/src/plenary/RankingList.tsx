import type { RankedRow } from './rankedFiches.js'

/** Fiches ranked by supports, each with a bar proportional to the most supported. */
export function RankingList({
  rows,
  hideCounts = false,
  limit,
  short = false,
}: {
  rows: RankedRow[]
  hideCounts?: boolean
  limit?: number
  /** names without "Fiche action" (the wall) */
  short?: boolean
}) {
  const max = Math.max(1, ...rows.map((r) => r.supports))
  const shown = limit ? rows.slice(0, limit) : rows
  return (
    <ol className={`ranking${hideCounts ? ' ranking--hidden-counts' : ''}`} data-testid="plenary-ranking">
      {shown.map((row) => (
        <li key={row.blockId} className="ranking__row" data-testid="ranking-row" data-block-id={row.blockId}>
          {!hideCounts && (
            <span className="ranking__rank">
              {row.supports > 0 ? row.rank : <span aria-label="non classée">–</span>}
            </span>
          )}
          <span className="ranking__name">{short ? row.shortName : row.name}</span>
          {!hideCounts && (
            <>
              <span className="ranking__bar" aria-hidden="true">
                <span className="ranking__fill" style={{ width: `${(row.supports / max) * 100}%` }} />
              </span>
              <span className="ranking__count" data-testid="ranking-count">
                {row.supports}
                <span className="ranking__unit"> soutien{row.supports > 1 ? 's' : ''}</span>
              </span>
            </>
          )}
        </li>
      ))}
    </ol>
  )
}
