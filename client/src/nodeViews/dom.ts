/** Small DOM builders for the node views, which stay plain DOM for speed (80 fiches, thousands of fields). */

import { isYear, YEAR_MAX, YEAR_MIN } from '@ctg/shared'

type Attrs = Record<string, string | number | boolean | null | undefined>

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (name === 'class') element.className = String(value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child !== null) element.append(child)
  return element
}

/** A part of a node view that ProseMirror must leave alone: labels, buttons, selects. */
export function uneditable<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  return el(tag, { ...attrs, contenteditable: 'false' }, ...children)
}

const ICONS = {
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  close: 'M6 6l12 12M18 6L6 18',
  comment: 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5',
} as const

export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('width', '18')
  svg.setAttribute('height', '18')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path')
  path.setAttribute('d', ICONS[name])
  path.setAttribute('fill', 'none')
  path.setAttribute('stroke', 'currentColor')
  path.setAttribute('stroke-width', '2')
  path.setAttribute('stroke-linecap', 'round')
  path.setAttribute('stroke-linejoin', 'round')
  svg.append(path)
  return svg
}

export function button(
  label: string,
  onClick: () => void,
  options: { icon?: keyof typeof ICONS; className?: string; ariaLabel?: string; testId?: string; title?: string } = {},
): HTMLButtonElement {
  const b = el('button', {
    type: 'button',
    class: options.className ?? 'block-button',
    'aria-label': options.ariaLabel,
    'data-testid': options.testId,
    title: options.title ?? options.ariaLabel,
  })
  if (options.icon) b.append(icon(options.icon))
  if (label) b.append(el('span', {}, label))
  // keep the editor's selection: a click on a control must not move the caret first
  b.addEventListener('mousedown', (event) => event.preventDefault())
  b.addEventListener('click', (event) => {
    event.preventDefault()
    onClick()
  })
  return b
}

/** A labelled select; `onChange` receives null for the empty choice. */
export function select(
  label: string,
  options: readonly (readonly [string, string])[],
  onChange: (value: string | null) => void,
  extra: { empty?: string; className?: string; testId?: string; hideLabel?: boolean } = {},
): { wrapper: HTMLLabelElement; input: HTMLSelectElement } {
  const input = el('select', { class: 'ctg-select', 'data-testid': extra.testId })
  if (extra.empty !== undefined) input.append(el('option', { value: '' }, extra.empty))
  for (const [value, text] of options) input.append(el('option', { value }, text))
  input.addEventListener('change', () => onChange(input.value === '' ? null : input.value))
  const wrapper = uneditable(
    'label',
    { class: `ctg-control ${extra.className ?? ''}` },
    el('span', { class: extra.hideLabel ? 'visually-hidden' : 'ctg-control__label' }, label),
    input,
  )
  return { wrapper, input }
}

/** A year input (empty means "not set"); commits on change, reverting what is not a year. */
export function yearInput(
  label: string,
  onChange: (year: number | null) => void,
  extra: { className?: string; testId?: string; hideLabel?: boolean; placeholder?: string } = {},
): { wrapper: HTMLLabelElement; input: HTMLInputElement; set: (year: number | null) => void } {
  const input = el('input', {
    type: 'number',
    inputmode: 'numeric',
    min: YEAR_MIN,
    max: YEAR_MAX,
    step: 1,
    class: 'ctg-input ctg-input--year',
    placeholder: extra.placeholder ?? 'Année',
    'data-testid': extra.testId,
  })
  let current: number | null = null
  const set = (year: number | null) => {
    current = year
    if (document.activeElement !== input) input.value = year === null ? '' : String(year)
  }
  input.addEventListener('change', () => {
    const raw = input.value.trim()
    if (raw === '') return onChange(null)
    const year = Number(raw)
    if (isYear(year)) onChange(year)
    else input.value = current === null ? '' : String(current)
  })
  input.addEventListener('blur', () => (input.value = current === null ? '' : String(current)))
  const wrapper = uneditable(
    'label',
    { class: `ctg-control ${extra.className ?? ''}` },
    el('span', { class: extra.hideLabel ? 'visually-hidden' : 'ctg-control__label' }, label),
    input,
  )
  return { wrapper, input, set }
}

/** A date input (YYYY-MM-DD, empty means "not set"). */
export function dateInput(
  label: string,
  onChange: (date: string | null) => void,
  extra: { className?: string; testId?: string } = {},
): { wrapper: HTMLLabelElement; input: HTMLInputElement } {
  const input = el('input', { type: 'date', class: 'ctg-input', 'data-testid': extra.testId })
  input.addEventListener('change', () => onChange(input.value === '' ? null : input.value))
  const wrapper = uneditable(
    'label',
    { class: `ctg-control ${extra.className ?? ''}` },
    el('span', { class: 'ctg-control__label' }, label),
    input,
  )
  return { wrapper, input }
}

/** Text for `content: var(--placeholder)`: a quoted CSS string. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`
}
