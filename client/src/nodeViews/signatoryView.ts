import type { NodeViewRenderer } from '@tiptap/core'
import type { Decoration } from '@tiptap/pm/view'
import { SIGNATORY_KIND_LABELS, type SignatoryKind } from '@ctg/shared'
import { commentControls } from './commentControls.js'
import { button, cssString, dateInput, el, select, uneditable } from './dom.js'
import { ORGANISATION_HINTS } from './fieldLabels.js'
import { structuredNodeView, labelOf, mirrorAttributes, setNodeAttrs } from './nodeViewHelpers.js'
import { referenceSelect } from './referenceSelect.js'
import { removeEntryAsking } from './removeEntry.js'
import { CIVILITY_OPTIONS, SIGNATORY_KIND_OPTIONS } from './statusOptions.js'

/**
 * One signatory as a card. Its fields and controls are items of one grid (the
 * content element is `display: contents`), so each date sits next to its text.
 */
export const signatoryView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations, extension }) => {
  const label = labelOf(extension)
  let node = initial
  const set = (attrs: Record<string, unknown>) => setNodeAttrs(editor, getPos, attrs)

  const kind = select('Partie', SIGNATORY_KIND_OPTIONS, (value) => set({ kind: value ?? 'autre' }), {
    className: 'signatory__kind',
    testId: 'signatory-kind',
  })
  const remove = button(
    'Retirer',
    () =>
      void removeEntryAsking(editor, getPos, {
        title: 'Retirer ce signataire ?',
        message: `« ${node.firstChild?.textContent || 'Signataire sans nom'} » sera retiré du bloc des signatures pour tous les participants.`,
      }),
    {
      icon: 'trash',
      className: 'block-button block-button--quiet',
      testId: 'remove-signatory',
      ariaLabel: 'Retirer ce signataire',
    },
  )
  const civility = select('Civilité', CIVILITY_OPTIONS, (value) => set({ civility: value }), {
    empty: '—',
    className: 'signatory__civility',
    testId: 'signatory-civility',
  })
  const mandateDate = dateInput('Date de la délibération', (date) => set({ mandateDate: date }), {
    className: 'signatory__mandate-date',
    testId: 'signatory-mandate-date',
  })
  const signatureDate = dateInput('Le', (date) => set({ signatureDate: date }), {
    className: 'signatory__signature-date',
    testId: 'signatory-signature-date',
  })
  const signedInput = el('input', { type: 'checkbox', class: 'ctg-checkbox', 'data-testid': 'signatory-signed' })
  signedInput.addEventListener('change', () => set({ signed: signedInput.checked }))
  const signed = uneditable(
    'label',
    { class: 'ctg-control ctg-control--inline signatory__signed' },
    signedInput,
    el('span', {}, 'Signé'),
  )

  // the party the signatory signs for, among the parties block's (when the convention has one)
  const party = referenceSelect(editor, 'Signe pour', ['party'], (value) => set({ partyId: value }), {
    empty: '— Partie —',
    className: 'signatory__party',
    testId: 'signatory-party',
  })

  const comments = commentControls('le signataire', { compact: true })
  const contentDOM = el('div', { class: 'signatory__fields' })
  const dom = el(
    'article',
    { class: 'signatory', 'data-type': 'signatory' },
    uneditable('div', { class: 'signatory__head' }, kind.wrapper, party.wrapper, comments.element, remove),
    contentDOM,
    civility.wrapper,
    mandateDate.wrapper,
    signatureDate.wrapper,
    signed,
  )

  const render = (decos: readonly Decoration[]) => {
    comments.update(node, decos)
    const k = (node.attrs.kind as SignatoryKind | null) ?? 'autre'
    mirrorAttributes(dom, node)
    kind.input.value = k
    dom.dataset.kind = k
    // inherited by the organisation field, which sets no hint of its own
    dom.style.setProperty('--placeholder', cssString(ORGANISATION_HINTS[k]))
    civility.input.value = node.attrs.civility ?? ''
    if (document.activeElement !== mandateDate.input) mandateDate.input.value = node.attrs.mandateDate ?? ''
    if (document.activeElement !== signatureDate.input) signatureDate.input.value = node.attrs.signatureDate ?? ''
    party.set((node.attrs.partyId as string | null) ?? null)
    signedInput.checked = node.attrs.signed === true
    dom.classList.toggle('is-signed', signedInput.checked)
    const name = node.firstChild?.textContent.trim()
    dom.setAttribute('aria-label', `${label} : ${name || SIGNATORY_KIND_LABELS[k]}`)
  }
  render(decorations)

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    render(decos)
  })
}
