import { CONVENTION_LABELS } from '@ctg/extensions'
import { clientConventionKit } from '@ctg/client'
import { conventionToEditorJson } from '@ctg/shared'
import { Editor } from '@tiptap/core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { wholeConvention } from '../fixtures/wholeConvention.js'
import { installDom } from '../fuzz/installDom.js'

beforeAll(() => installDom())

let editor: Editor | undefined
afterEach(() => editor?.destroy())

/** The web client's editor (its node views) on a convention with every block, under `labels`. */
function mount(labels?: Parameters<typeof clientConventionKit>[0]): HTMLElement {
  const element = document.createElement('div')
  document.body.appendChild(element)
  editor = new Editor({
    element,
    extensions: [clientConventionKit(labels)],
    content: conventionToEditorJson(wholeConvention()).doc,
  })
  return element
}

const attribute = (root: HTMLElement, selector: string, name: string) =>
  root.querySelector(selector)?.getAttribute(name) ?? null

describe("the client's node views take their labels from ConventionKit", () => {
  it('shows the French labels the client passes', () => {
    const root = mount()
    expect(attribute(root, '[data-type="ficheTitle"]', 'data-label')).toBe(CONVENTION_LABELS.ficheTitle)
    expect(attribute(root, '[data-type="ficheAction"]', 'aria-label')).toMatch(/^Fiche action n°/)
    expect(root.querySelector('[data-type="indicatorTable"] .ctg-block__title')?.textContent).toBe(
      'Tableau d’indicateurs',
    )
  })

  it('shows a host app’s labels on blocks, entries and fields', () => {
    const root = mount({
      ficheAction: 'Action sheet',
      ficheTitle: 'Title',
      ficheKeyActions: 'Key actions',
      indicatorTable: 'Indicators',
      signatory: 'Signer',
      planningRow: 'Planned offer',
      territoryBlock: 'Area',
    })
    expect(attribute(root, '[data-type="ficheTitle"]', 'data-label')).toBe('Title')
    expect(attribute(root, '[data-type="ficheKeyActions"]', 'aria-label')).toBe('Key actions')
    expect(attribute(root, '[data-type="ficheAction"]', 'aria-label')).toMatch(/^Action sheet n°/)
    expect(root.querySelector('[data-type="indicatorTable"] .ctg-block__title')?.textContent).toBe('Indicators')
    expect(attribute(root, '[data-type="signatory"]', 'aria-label')).toMatch(/^Signer : /)
    expect(attribute(root, '[data-type="planningRow"]', 'aria-label')).toBe('Planned offer')
    expect(root.querySelector('[data-type="territoryBlock"] .ctg-block__title')?.textContent).toMatch(/^Area/)
    // a label left out stays French
    expect(attribute(root, '[data-type="ficheObjective"]', 'data-label')).toBe(CONVENTION_LABELS.ficheObjective)
  })
})
