import type { Convention, ConventionChange } from '@ctg/shared'
import { describeChange } from './describeChange.js'
import { WordChanges } from './WordChanges.js'

const show = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)

/** The structured difference between two states, one line per change, changed words highlighted. */
export function VersionComparison({
  changes,
  before,
  after,
}: {
  changes: ConventionChange[]
  before: Convention | null
  after: Convention | null
}) {
  if (changes.length === 0) return <p data-testid="comparison-empty">Aucune différence.</p>
  return (
    <ul className="version-comparison" data-testid="comparison">
      {changes.map((change, index) => (
        <li key={index} className={`version-comparison__change version-comparison__change--${change.op}`}>
          <p className="version-comparison__where">{describeChange(change, before, after)}</p>
          {change.words ? (
            <WordChanges words={change.words} />
          ) : change.op === 'changed' ? (
            <WordChanges
              words={[
                { op: 'delete', text: show(change.before) },
                { op: 'insert', text: show(change.after) },
              ]}
            />
          ) : change.op === 'moved' ? (
            <p>
              Position {Number(change.before) + 1} → {Number(change.after) + 1}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
