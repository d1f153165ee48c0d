import * as Y from 'yjs'
import { childElement, childElements, childrenOf, plainText, type FicheOutline } from './yContent.js'
import { FieldView, FreeNode, headingLevel, keyOf } from './LiveNodes.js'
import { FicheCard, type FicheCardActions } from './FicheCard.js'
import { CollapsibleCard } from './CollapsibleCard.js'

export interface LiveConventionProps extends FicheCardActions {
  fragment: Y.XmlFragment
  fiches: FicheOutline[]
  expanded: ReadonlySet<string>
  onToggle: (id: string) => void
  /** the page's h1: a first heading that repeats it is not shown twice */
  title?: string
}

type BlockCardProps = { node: Y.XmlElement; expanded: boolean; onToggle: () => void; level: number }

function IndicatorTableCard({ node, expanded, onToggle, level }: BlockCardProps) {
  const id = String(node.getAttribute('id') ?? keyOf(node))
  const title = plainText(childElement(node, 'indicatorTableTitle')).trim()
  const rows = childElements(node, 'indicatorRow')
  return (
    <CollapsibleCard
      id={id}
      kicker="Tableau d’indicateurs"
      title={title || 'Indicateurs'}
      expanded={expanded}
      onToggle={onToggle}
      className="live-card--table"
      level={level}
    >
      {rows.map((row) => (
        <div key={keyOf(row)} className="live-indicator" data-block-id={String(row.getAttribute('id') ?? '')}>
          <FieldView label="Indicateur" node={childElement(row, 'indicatorLabel')} />
          <FieldView label="Unité" node={childElement(row, 'indicatorUnit')} />
          <FieldView label="Valeur de référence" node={childElement(row, 'indicatorBaseline')} />
          <dl className="live-indicator__years">
            {childElements(row, 'indicatorYear').map((year) => (
              <div key={keyOf(year)}>
                <dt>{String(year.getAttribute('year') ?? '')}</dt>
                <dd>
                  Cible : {plainText(childElement(year, 'indicatorTarget')).trim() || '—'}
                  {plainText(childElement(year, 'indicatorReached')).trim() &&
                    ` · réalisé : ${plainText(childElement(year, 'indicatorReached')).trim()}`}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </CollapsibleCard>
  )
}

function SignatoriesCard({ node, expanded, onToggle, level }: BlockCardProps) {
  const id = String(node.getAttribute('id') ?? keyOf(node))
  const signatories = childElements(node, 'signatory')
  return (
    <CollapsibleCard
      id={id}
      kicker="Signataires"
      title={`${signatories.length} signataire${signatories.length > 1 ? 's' : ''}`}
      expanded={expanded}
      onToggle={onToggle}
      level={level}
    >
      <ul className="live-signatories">
        {signatories.map((s) => (
          <li key={keyOf(s)} data-block-id={String(s.getAttribute('id') ?? '')}>
            <strong>{plainText(childElement(s, 'signatoryOrganisation')).trim() || 'Organisation'}</strong>
            <span>
              {[plainText(childElement(s, 'signatoryFunction')), plainText(childElement(s, 'signatoryName'))]
                .map((t) => t.trim())
                .filter(Boolean)
                .join(' — ')}
            </span>
          </li>
        ))}
      </ul>
    </CollapsibleCard>
  )
}

/**
 * The convention as a phone shows it, read from the shared document while the writers
 * edit it: free text as text, fiches and other blocks as cards that open and close.
 */
export function LiveConvention({ fragment, fiches, expanded, onToggle, title, ...actions }: LiveConventionProps) {
  const ficheOf = new Map(fiches.map((f) => [f.element, f]))
  // headings never skip a level: a block's card comes one level under the heading above it
  let section = 1
  let previous = 1
  return (
    <div className="live-doc" data-testid="live-convention">
      {childrenOf(fragment).map((node, index) => {
        if (!(node instanceof Y.XmlElement)) return null
        const key = keyOf(node)
        if (node.nodeName === 'heading' && index === 0 && title && plainText(node).trim() === title.trim()) return null
        if (node.nodeName === 'heading') {
          section = previous = Math.min(headingLevel(node), previous + 1)
          return <FreeNode key={key} node={node} level={section} />
        }
        const level = Math.min(6, section + 1)
        const fiche = ficheOf.get(node)
        const isCard = fiche || node.nodeName === 'indicatorTable' || node.nodeName === 'signatoryBlock'
        if (isCard) previous = level
        if (fiche)
          return (
            <FicheCard
              key={key}
              fiche={fiche}
              expanded={expanded.has(fiche.id)}
              onToggle={() => onToggle(fiche.id)}
              level={level}
              {...actions}
            />
          )
        const id = String(node.getAttribute('id') ?? key)
        const card = { node, expanded: expanded.has(id), onToggle: () => onToggle(id), level }
        if (node.nodeName === 'indicatorTable') return <IndicatorTableCard key={key} {...card} />
        if (node.nodeName === 'signatoryBlock') return <SignatoriesCard key={key} {...card} />
        return <FreeNode key={key} node={node} />
      })}
    </div>
  )
}
