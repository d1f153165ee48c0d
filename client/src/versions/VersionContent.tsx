import type { Convention } from '@ctg/shared'

type Block = Convention['content'][number]

/** Every text of an unknown block kind, in order (a block added after this view was written still shows). */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : []
  if (Array.isArray(value)) return value.flatMap(textsOf)
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'id' || k === 'type' ? [] : textsOf(v)))
  }
  return []
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading':
      return <h3 className="version-content__heading">{block.text}</h3>
    case 'paragraph':
      return block.text ? <p>{block.text}</p> : null
    case 'list':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item.text}</li>
          ))}
        </ul>
      )
    case 'ficheAction':
      return (
        <section className="version-content__block">
          <h3>
            Fiche {block.number} — {block.title}
          </h3>
          <p>{block.objective}</p>
          <ul>
            {block.keyActions.map((k) => (
              <li key={k.id}>
                {k.number} {k.label}
              </li>
            ))}
          </ul>
        </section>
      )
    case 'indicatorTable':
      return (
        <section className="version-content__block">
          <h3>{block.title}</h3>
          <ul>
            {block.rows.map((row) => (
              <li key={row.id}>
                {row.label} : {row.years.map((y) => `${y.year} ${y.target.text || '—'}`).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )
    case 'signatoryBlock':
      return (
        <section className="version-content__block">
          <h3>Signataires</h3>
          <ul>
            {block.signatories.map((s) => (
              <li key={s.id}>
                {s.organisation} — {s.name}
                {s.signed ? ` (signé le ${s.signatureDate ?? ''})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )
    default:
      return <p>{textsOf(block).join(' · ')}</p>
  }
}

/** A version of the convention, to read (nothing here can be edited). */
export function VersionContent({ convention }: { convention: Convention }) {
  return (
    <article className="version-content" data-testid="version-content" aria-label={convention.title}>
      <h3 className="version-content__title">{convention.title}</h3>
      {convention.content.map((block, index) => (
        <BlockView key={'id' in block ? block.id : index} block={block} />
      ))}
    </article>
  )
}
