import type { Editor, NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration } from '@tiptap/pm/view'
import { periodProblem } from '@ctg/shared'
import { confirmAction } from '../ui/confirmAction.js'
import { blockControls } from './blockControls.js'
import { commentControls } from './commentControls.js'
import { button, el, uneditable } from './dom.js'
import { indicatorColumns } from './indicatorColumns.js'
import { tableOwnerSelect } from './tableOwnerSelect.js'
import {
  blockHeading,
  labelOf,
  structuredNodeView,
  endOfNode,
  focusFieldFrom,
  type GetPos,
  mirrorAttributes,
  placeFrom,
} from './nodeViewHelpers.js'

function hasValuesFor(table: PMNode, year: number): boolean {
  let found = false
  table.descendants((child) => {
    if (found) return false
    if (child.type.name === 'indicatorYear' && child.attrs.year === year && child.textContent.trim() !== '')
      found = true
    return !found
  })
  return found
}

async function removeYear(editor: Editor, getPos: GetPos, side: 'start' | 'end') {
  const pos = getPos()
  const table = typeof pos === 'number' ? editor.state.doc.nodeAt(pos) : null
  if (!table || typeof pos !== 'number') return
  const year = side === 'end' ? table.attrs.endYear : table.attrs.startYear
  const ok = await confirmAction({
    title: `Retirer l’année ${year} ?`,
    message: hasValuesFor(table, year)
      ? `La colonne ${year} sera retirée de chaque ligne du tableau, avec les cibles et les valeurs réalisées qui y sont saisies.`
      : `La colonne ${year} sera retirée de chaque ligne du tableau. Elle ne contient aucune valeur.`,
    confirmLabel: `Retirer ${year}`,
  })
  const current = getPos()
  if (ok && typeof current === 'number') editor.commands.removeIndicatorYear(current, side)
}

/**
 * An indicators table: its title, then a grid whose columns are laid out by CSS
 * from `--indicator-columns` (the heading row is drawn inside the first row's view).
 */
export const indicatorTableView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations, extension }) => {
  let node = initial
  const tableLabel = labelOf(extension)
  let place = placeFrom(decorations)
  const heading = blockHeading('ctg-block__title', tableLabel)
  const period = el('span', { class: 'indicator-table__period', 'data-testid': 'indicator-period' })
  const count = el('span', { class: 'indicator-table__count' })
  const comments = commentControls('le tableau')
  const owner = tableOwnerSelect(editor, getPos)
  const header = uneditable(
    'header',
    { class: 'ctg-block__header indicator-table__header' },
    heading,
    el('p', { class: 'ctg-block__meta' }, 'Période ', period, count),
    owner.wrapper,
    comments.element,
    blockControls(editor, getPos, () => node.attrs.id as string | null),
  )
  const contentDOM = el('div', { class: 'indicator-table__content' })
  const empty = uneditable('p', { class: 'block-empty' }, 'Aucun indicateur : ajoutez une première ligne.')

  const addRow = button(
    'Ajouter un indicateur',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number') return
      const at = endOfNode(editor, pos)
      if (at !== null && editor.commands.addIndicatorRow(pos)) focusFieldFrom(editor, at)
    },
    { icon: 'plus', testId: 'add-indicator-row' },
  )
  const run = (command: (pos: number) => boolean) => () => {
    const pos = getPos()
    if (typeof pos === 'number') command(pos)
  }
  const addStart = button(
    '',
    run((pos) => editor.commands.addIndicatorYear(pos, 'start')),
    {
      icon: 'plus',
      className: 'block-button block-button--small',
      testId: 'add-indicator-year-start',
    },
  )
  const removeStart = button('', () => void removeYear(editor, getPos, 'start'), {
    icon: 'minus',
    className: 'block-button block-button--small',
    testId: 'remove-indicator-year-start',
  })
  const removeEnd = button('', () => void removeYear(editor, getPos, 'end'), {
    icon: 'minus',
    className: 'block-button block-button--small',
    testId: 'remove-indicator-year-end',
  })
  const addEnd = button(
    '',
    run((pos) => editor.commands.addIndicatorYear(pos, 'end')),
    {
      icon: 'plus',
      className: 'block-button block-button--small',
      testId: 'add-indicator-year-end',
    },
  )
  const footer = uneditable(
    'footer',
    { class: 'block-footer indicator-table__footer' },
    addRow,
    el(
      'div',
      { class: 'indicator-table__years', role: 'group', 'aria-label': 'Années du tableau' },
      el('span', { class: 'indicator-table__years-label' }, 'Années :'),
      addStart,
      removeStart,
      el('span', { class: 'indicator-table__years-sep', 'aria-hidden': 'true' }, '…'),
      removeEnd,
      addEnd,
    ),
  )

  // wide tables scroll sideways inside this frame (a phone, many years), never the page
  // it takes the focus, so that the keyboard can scroll it too (axe: scrollable-region-focusable)
  const frame = el('div', { class: 'indicator-table__scroll', role: 'group', tabindex: 0 }, contentDOM)
  const dom = el(
    'section',
    { class: 'indicator-table ctg-block', 'data-type': 'indicatorTable' },
    header,
    frame,
    empty,
    footer,
  )

  const label = (b: HTMLButtonElement, text: string, title: string) => {
    b.querySelector('span')?.remove()
    b.append(el('span', {}, text))
    b.setAttribute('aria-label', title)
    b.title = title
  }

  const render = (decos: readonly Decoration[]) => {
    comments.update(node, decos)
    // two tables are two landmarks: their names must differ, even with the same title
    const title = node.firstChild?.textContent.trim()
    const name = `${tableLabel}${place.ofKind > 1 ? ` ${place.ordinal} sur ${place.ofKind}` : ''}${title ? ` : ${title}` : ''}`
    dom.setAttribute('aria-label', name)
    frame.setAttribute('aria-label', `${name} (défile horizontalement)`)
    heading.setAttribute('aria-level', String(place.headingLevel))
    const start = node.attrs.startYear as number | null
    const end = node.attrs.endYear as number | null
    const years = start !== null && end !== null ? end - start + 1 : 0
    mirrorAttributes(dom, node)
    owner.set((node.attrs.ownerId as string | null) ?? null)
    dom.style.setProperty('--indicator-columns', indicatorColumns(years))
    period.textContent = start !== null && end !== null ? `${start} – ${end}` : 'non définie'
    const rows = node.childCount - 1
    count.textContent = ` · ${rows <= 1 ? `${rows} indicateur` : `${rows} indicateurs`}`
    dom.classList.toggle('is-empty', rows === 0)
    if (start === null || end === null) return
    label(addStart, String(start - 1), `Ajouter l’année ${start - 1} au début du tableau`)
    label(removeStart, String(start), `Retirer ${start}, la première année du tableau`)
    label(removeEnd, String(end), `Retirer ${end}, la dernière année du tableau`)
    label(addEnd, String(end + 1), `Ajouter l’année ${end + 1} à la fin du tableau`)
    // a period spans at most LONGEST_PERIOD_YEARS + 1 years, within the year bounds, and at least one
    addStart.disabled = periodProblem(start - 1, end) !== null
    addEnd.disabled = periodProblem(start, end + 1) !== null
    removeStart.disabled = removeEnd.disabled = end <= start
  }
  render(decorations)

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    place = placeFrom(decos)
    render(decos)
  })
}
