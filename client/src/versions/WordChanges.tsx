import type { WordPart } from '@ctg/shared'

/** A text change, the deleted words struck through and the inserted ones highlighted. */
export function WordChanges({ words }: { words: WordPart[] }) {
  return (
    <p className="word-changes">
      {words.map((part, index) =>
        part.op === 'insert' ? (
          <ins key={index} className="word-changes__insert">
            {part.text}
          </ins>
        ) : part.op === 'delete' ? (
          <del key={index} className="word-changes__delete">
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  )
}
