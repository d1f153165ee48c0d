import type { NodeViewRenderer } from '@tiptap/core'
import {
  INDICATOR_FREQUENCIES,
  INDICATOR_FREQUENCY_LABELS,
  isInseeCode,
  isSiren,
  PARTY_KIND_LABELS,
  PARTY_KINDS,
} from '@ctg/shared'
import { blockControls } from './blockControls.js'
import { button, dateInput, el, select, uneditable } from './dom.js'
import {
  blockHeading,
  labelOf,
  endOfNode,
  focusFieldFrom,
  mirrorAttributes,
  setNodeAttrs,
  structuredNodeView,
} from './nodeViewHelpers.js'
import { tableOwnerSelect } from './tableOwnerSelect.js'

/** A short code input (SIREN, INSEE) that commits a valid code, or nothing, and reverts anything else. */
function codeInput(label: string, valid: (v: string) => boolean, onChange: (v: string | null) => void, testId: string) {
  const input = el('input', {
    type: 'text',
    inputmode: 'numeric',
    class: 'ctg-input ctg-input--code',
    'data-testid': testId,
  })
  let current: string | null = null
  input.addEventListener('change', () => {
    const raw = input.value.replace(/\s/g, '').toUpperCase()
    if (raw === '') return onChange(null)
    if (valid(raw)) onChange(raw)
    else input.value = current ?? ''
  })
  const wrapper = uneditable(
    'label',
    { class: 'ctg-control' },
    el('span', { class: 'ctg-control__label' }, label),
    input,
  )
  return {
    wrapper,
    set: (v: string | null) => {
      current = v
      if (document.activeElement !== input) input.value = v ?? ''
    },
  }
}

/** "Entre les soussignés": the parties, each a card with its kind, SIREN and deliberation date. */
export const partiesBlockView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const contentDOM = el('div', { class: 'parties-block__grid' })
  const add = button(
    'Ajouter une partie',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number') return
      const at = endOfNode(editor, pos)
      if (at !== null && editor.commands.addParty(pos, 'commune')) focusFieldFrom(editor, at)
    },
    { icon: 'plus', testId: 'add-party' },
  )
  const dom = el(
    'section',
    { class: 'parties-block ctg-block', 'data-type': 'partiesBlock', 'aria-label': label },
    uneditable(
      'header',
      { class: 'ctg-block__header' },
      blockHeading('ctg-block__title', 'Entre les soussignés'),
      el(
        'p',
        { class: 'ctg-block__meta' },
        'Les parties à la convention, leurs représentants et les délibérations qui les autorisent',
      ),
      blockControls(editor, getPos, () => node.attrs.id as string | null),
    ),
    contentDOM,
    uneditable('footer', { class: 'block-footer' }, add),
  )
  mirrorAttributes(dom, node)
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    mirrorAttributes(dom, node)
  })
}

export const partyView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const kind = select(
    'Type de partie',
    PARTY_KINDS.map((k) => [k, PARTY_KIND_LABELS[k]] as const),
    (value) => setNodeAttrs(editor, getPos, { kind: value ?? 'autre' }),
    { testId: 'party-kind' },
  )
  const siren = codeInput(
    'SIREN (facultatif)',
    isSiren,
    (v) => setNodeAttrs(editor, getPos, { siren: v }),
    'party-siren',
  )
  const date = dateInput('Date de la délibération', (v) => setNodeAttrs(editor, getPos, { deliberationDate: v }), {
    testId: 'party-deliberation-date',
  })
  const contentDOM = el('div', { class: 'party__fields' })
  const dom = el(
    'div',
    { class: 'party ctg-entry', 'data-type': 'party', role: 'group' },
    uneditable('div', { class: 'party__controls' }, kind.wrapper, siren.wrapper),
    contentDOM,
    uneditable('div', { class: 'party__controls' }, date.wrapper),
  )
  const render = () => {
    kind.input.value = node.attrs.kind as string
    siren.set(node.attrs.siren as string | null)
    date.input.value = (node.attrs.deliberationDate as string | null) ?? ''
    const name = node.firstChild?.textContent.trim()
    dom.setAttribute(
      'aria-label',
      `${label} : ${name || PARTY_KIND_LABELS[node.attrs.kind as keyof typeof PARTY_KIND_LABELS]}`,
    )
    mirrorAttributes(dom, node)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}

/** The territory: the EPCI, its communes, and a field that takes a pasted list of commune names. */
export const territoryBlockView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const siren = codeInput(
    'SIREN de l’EPCI (facultatif)',
    isSiren,
    (v) => setNodeAttrs(editor, getPos, { epciSiren: v }),
    'epci-siren',
  )
  const count = el('span', { class: 'territory-block__count' })
  const pasteArea = el('textarea', {
    class: 'ctg-input territory-block__paste',
    rows: 3,
    'data-testid': 'communes-paste',
    placeholder: 'Collez la liste des communes : une par ligne, ou séparées par des virgules (code INSEE facultatif)',
  }) as HTMLTextAreaElement
  const addList = button(
    'Ajouter ces communes',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number' || !pasteArea.value.trim()) return
      if (editor.commands.addCommunes(pos, pasteArea.value)) pasteArea.value = ''
    },
    { icon: 'plus', testId: 'add-communes' },
  )
  const contentDOM = el('div', { class: 'territory-block__content' })
  const dom = el(
    'section',
    { class: 'territory-block ctg-block', 'data-type': 'territoryBlock', 'aria-label': label },
    uneditable(
      'header',
      { class: 'ctg-block__header' },
      blockHeading('ctg-block__title', label, count),
      blockControls(editor, getPos, () => node.attrs.id as string | null),
    ),
    uneditable('div', { class: 'party__controls' }, siren.wrapper),
    contentDOM,
    uneditable(
      'footer',
      { class: 'block-footer territory-block__footer' },
      el(
        'label',
        { class: 'ctg-control' },
        el('span', { class: 'ctg-control__label' }, 'Liste de communes à ajouter'),
        pasteArea,
      ),
      addList,
    ),
  )
  const render = () => {
    siren.set(node.attrs.epciSiren as string | null)
    const n = node.childCount - 1
    count.textContent = n > 0 ? ` · ${n} commune${n > 1 ? 's' : ''}` : ''
    mirrorAttributes(dom, node)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}

export const communeView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const insee = codeInput('Code INSEE', isInseeCode, (v) => setNodeAttrs(editor, getPos, { insee: v }), 'commune-insee')
  const contentDOM = el('div', { class: 'commune__fields' })
  const dom = el(
    'div',
    { class: 'commune ctg-entry', 'data-type': 'commune', role: 'group' },
    contentDOM,
    uneditable('div', { class: 'commune__controls' }, insee.wrapper),
  )
  const render = () => {
    insee.set(node.attrs.insee as string | null)
    dom.setAttribute('aria-label', `${label} : ${node.textContent.trim() || 'sans nom'}`)
    mirrorAttributes(dom, node)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}

/** A planning table: for each offer, the existing offer, then per year the planned and the achieved. */
export const planningTableView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const period = el('span', { class: 'ctg-block__meta' })
  const add = button(
    'Ajouter une offre',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number') return
      const at = endOfNode(editor, pos)
      if (at !== null && editor.commands.addPlanningRow(pos)) focusFieldFrom(editor, at)
    },
    { icon: 'plus', testId: 'add-planning-row' },
  )
  const owner = tableOwnerSelect(editor, getPos)
  const contentDOM = el('div', { class: 'planning-table__rows' })
  const dom = el(
    'section',
    { class: 'planning-table ctg-block', 'data-type': 'planningTable', 'aria-label': label },
    uneditable(
      'header',
      { class: 'ctg-block__header' },
      blockHeading('ctg-block__title', label),
      period,
      owner.wrapper,
      blockControls(editor, getPos, () => node.attrs.id as string | null),
    ),
    contentDOM,
    uneditable('footer', { class: 'block-footer' }, add),
  )
  const render = () => {
    const { startYear, endYear } = node.attrs as { startYear: number | null; endYear: number | null }
    period.textContent =
      startYear && endYear ? `Existant à la signature, puis prévu et réalisé de ${startYear} à ${endYear}` : ''
    owner.set((node.attrs.ownerId as string | null) ?? null)
    mirrorAttributes(dom, node)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}

/** One year of a planning row: its year as a heading, never editable, then "Prévu" and "Réalisé". */
export const planningYearView: NodeViewRenderer = ({ node: initial }) => {
  let node = initial
  const year = uneditable('div', { class: 'planning-year__year' })
  const contentDOM = el('div', { class: 'planning-year__cells' })
  const dom = el('div', { class: 'planning-year', 'data-type': 'planningYear', role: 'group' }, year, contentDOM)
  const render = () => {
    year.textContent = String(node.attrs.year)
    dom.setAttribute('aria-label', `Année ${node.attrs.year}`)
    mirrorAttributes(dom, node)
  }
  render()
  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}

/** The frequency of an indicator, as a select (the row's view adds it). */
export function frequencySelect(onChange: (value: string | null) => void) {
  return select(
    'Fréquence de collecte',
    INDICATOR_FREQUENCIES.map((f) => [f, INDICATOR_FREQUENCY_LABELS[f]] as const),
    onChange,
    { empty: 'Fréquence ?', className: 'indicator-row__frequency', testId: 'indicator-frequency', hideLabel: true },
  )
}
