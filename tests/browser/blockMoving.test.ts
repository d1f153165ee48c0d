import { join } from 'node:path'
import type { Convention } from '@ctg/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { annexConvention } from '../fixtures/annexConvention.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { settledBox } from '../helpers/settledBox.js'

const suite = browserSuite()
const person = { id: 'u-claire', name: 'Claire Caf' }
const WAIT = { timeout: 30_000 }

async function exported(id: string): Promise<Convention> {
  return (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
}

/** The exported blocks as "type" or "type:id", in order. */
const order = async (id: string) => (await exported(id)).content.map((b) => ('id' in b ? `${b.type}:${b.id}` : b.type))

/** The accessible name of the focused element: its aria-label, else its visible text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null
    return (active?.getAttribute('aria-label') ?? active?.innerText ?? '').trim()
  })

/** Presses Tab (or Shift+Tab) until the focused control is named `name`: keyboard only. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < 60; i++) {
    if ((await focusedName(page)).endsWith(name)) return
    await page.keyboard.press(key)
  }
  throw new Error(`"${name}" never got the focus with ${key}`)
}

const original = [
  'heading',
  'paragraph',
  'ficheAction:fa-1',
  'indicatorTable:it-1',
  'heading',
  'paragraph',
  'signatoryBlock:sb-1',
  'heading',
  'paragraph',
  'paragraph',
  'paragraph',
]

describe('moving blocks', () => {
  it('a fiche moves down and up with Alt+Shift+arrows, keeping its id and the caret', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    expect(await order(id)).toEqual(original)

    await page.locator('.fiche-action [data-type="ficheTitle"] > .ctg-field__content').click()
    await page.keyboard.press('Alt+Shift+ArrowDown')
    const down = [...original]
    ;[down[2], down[3]] = [down[3]!, down[2]!]
    await expect.poll(() => order(id), WAIT).toEqual(down)
    await page.keyboard.press('Alt+Shift+ArrowDown')
    ;[down[3], down[4]] = [down[4]!, down[3]!]
    await expect.poll(() => order(id), WAIT).toEqual(down)
    await page.screenshot({ path: join(OUTPUT, 'block-moving-keyboard.png') })

    await page.keyboard.press('Alt+Shift+ArrowUp')
    await page.keyboard.press('Alt+Shift+ArrowUp')
    await expect.poll(() => order(id), WAIT).toEqual(original)
    // the caret stayed in the fiche's title all along
    await page.keyboard.press('End')
    await page.keyboard.type(' (déplacée)')
    await expect
      .poll(async () => (await exported(id)).content.find((b) => b.type === 'ficheAction')!, WAIT)
      .toMatchObject({ id: 'fa-1', title: 'Ouvrir un relais petite enfance (déplacée)' })
    await page.context().close()
  })

  it('"Descendre" and "Monter" work from the keyboard and keep the focus', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    await page.locator('.fiche-action [data-type="ficheTitle"] > .ctg-field__content').click()
    await tabTo(page, 'Descendre', 'Shift+Tab')
    await page.keyboard.press('Enter')
    const down = [...original]
    ;[down[2], down[3]] = [down[3]!, down[2]!]
    await expect.poll(() => order(id), WAIT).toEqual(down)
    expect(await focusedName(page)).toContain('Descendre')
    await page.evaluate(() => document.activeElement?.scrollIntoView({ block: 'center' }))
    await page.screenshot({ path: join(OUTPUT, 'block-moving-focus.png') })

    await page.keyboard.press('Shift+Tab')
    expect(await focusedName(page)).toContain('Monter')
    await page.keyboard.press('Enter')
    await expect.poll(() => order(id), WAIT).toEqual(original)
    expect(await focusedName(page)).toContain('Monter')
    await page.context().close()
  })

  it('a block dragged by its handle lands before the node it is dropped on (upper half), with its id', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const handle = page.locator('.signatory-block [data-testid="block-handle"]')
    const target = page.locator('.convention-document > h2', { hasText: 'Signatures' })
    // both on screen, laid out and still: the page must not move under the pointer
    await target.evaluate((heading) => heading.scrollIntoView({ block: 'center' }))
    const from = await settledBox(page, handle)
    const before = await settledBox(page, target)
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 2 })
    let to = await settledBox(page, target)
    // pressing the handle of an editor not focused yet does not scroll the page (it jumped to the top)
    expect(to.y).toBe(before.y)
    await page.mouse.move(to.x + 20, to.y + 2, { steps: 10 })
    // aim again if the page moved while the pointer travelled
    const now = await settledBox(page, target)
    if (now.y !== to.y) {
      to = now
      await page.mouse.move(to.x + 20, to.y + 2, { steps: 2 })
    }
    await page.mouse.up()
    await expect
      .poll(() => order(id), WAIT)
      .toEqual([...original.slice(0, 4), 'signatoryBlock:sb-1', ...original.slice(4, 6), ...original.slice(7)])
    await page.context().close()
  })
})

describe('every block with the keyboard alone', () => {
  const kinds = [
    {
      query: 'fiche',
      type: 'ficheAction',
      selector: '.fiche-action',
      add: 'Ajouter une action clé',
      text: 'Fiche au clavier',
    },
    {
      query: 'tableau',
      type: 'indicatorTable',
      selector: '.indicator-table',
      add: 'Ajouter un indicateur',
      text: 'Tableau au clavier',
    },
    {
      query: 'signataires',
      type: 'signatoryBlock',
      selector: '.signatory-block',
      add: 'Ajouter un signataire',
      text: 'Commune au clavier',
    },
  ] as const

  it('insert with "/", fill, add an entry, move and delete, without the mouse', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    // into the document from the toolbar, by keyboard
    await page.getByTestId('convention-title').focus()
    await tabTo(page, 'Contenu de la convention')

    for (const kind of kinds) {
      const blocks = page.locator(kind.selector)
      const before = await blocks.count()
      await page.keyboard.press('Control+End')
      await page.keyboard.press('Enter')
      await page.keyboard.type(`/${kind.query}`)
      await page.getByTestId('slash-menu').waitFor(WAIT)
      await page.keyboard.press('Enter')
      await expect.poll(() => blocks.count(), WAIT).toBe(before + 1)
      const block = blocks.last()
      await page.keyboard.type(kind.text)

      const entries = await block
        .locator('[data-type="keyAction"], [data-type="indicatorRow"], [data-type="signatory"]')
        .count()
      await tabTo(page, kind.add)
      await page.keyboard.press('Enter')
      await expect
        .poll(
          () => block.locator('[data-type="keyAction"], [data-type="indicatorRow"], [data-type="signatory"]').count(),
          WAIT,
        )
        .toBe(entries + 1)
      if (kind.type === 'indicatorTable') await page.screenshot({ path: join(OUTPUT, 'block-keyboard-add-entry.png') })

      // the new block is last: "Monter" puts it above the last paragraph
      await tabTo(page, 'Monter', 'Shift+Tab')
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await exported(id)).content.at(-2)!.type, WAIT).toBe(kind.type)
      await expect.poll(async () => (await exported(id)).content.at(-1)!.type, WAIT).toBe('paragraph')

      // "Supprimer" asks; Escape cancels, then Tab and Enter confirm
      await tabTo(page, 'Supprimer')
      await page.keyboard.press('Enter')
      const dialog = page.getByTestId('confirm-dialog')
      await dialog.waitFor(WAIT)
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      expect(await blocks.count()).toBe(before + 1)
      await blocks.last().getByRole('button', { name: 'Supprimer', exact: true }).focus()
      await page.keyboard.press('Enter')
      await dialog.waitFor(WAIT)
      expect(await focusedName(page)).toBe('Annuler')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await expect.poll(() => blocks.count(), WAIT).toBe(before)
      await expect
        .poll(async () => (await exported(id)).content.filter((b) => b.type === kind.type).length, WAIT)
        .toBe(before)
      // back into the text for the next block
      await page.locator('.convention-document').focus()
    }
    await page.context().close()
  }, 180_000)
})
