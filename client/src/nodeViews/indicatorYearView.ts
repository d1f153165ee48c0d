import type { NodeViewRenderer } from '@tiptap/core'
import { el } from './dom.js'
import { structuredNodeView } from './nodeViewHelpers.js'

/** The cell of one year in an indicator row: a target ("Cible") above the value reached ("Réalisé"). */
export const indicatorYearView: NodeViewRenderer = ({ node: initial }) => {
  let node = initial
  const contentDOM = el('div', { class: 'indicator-year__content' })
  const dom = el('div', { class: 'indicator-year', 'data-type': 'indicatorYear', role: 'group' }, contentDOM)
  const render = () => {
    dom.dataset.year = String(node.attrs.year)
    dom.setAttribute('aria-label', `Année ${node.attrs.year}`)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
