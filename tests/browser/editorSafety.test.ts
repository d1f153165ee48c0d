import { join } from 'node:path'
import type { Convention, ConventionBlock } from '@ctg/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { annexConvention } from '../fixtures/annexConvention.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()
/** the machine is shared: conditions are polled with a generous deadline */
const WAIT = { timeout: 30_000 }
const person = { id: 'u-camille', name: 'Camille Caf' }

async function exported(id: string): Promise<Convention> {
  return (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
}

/** Every native dialog the page opens, answered with `accept` (a cancel unless told). */
function recordDialogs(page: Page) {
  const dialogs: string[] = []
  const answer = { accept: false }
  // counted once answered: until then the page is blocked in confirm(), and a click
  // sent meanwhile may land before the editor has finished handling the key
  page.on('dialog', (dialog) => {
    const message = dialog.message()
    void (answer.accept ? dialog.accept() : dialog.dismiss()).then(() => dialogs.push(message))
  })
  return { dialogs, answer }
}

/**
 * Where the editor's own selection is (not the DOM's): the text of the top-level paragraph that
 * holds it, and whether it is at that paragraph's end. ProseMirror takes a click or an End key
 * from the browser's selectionchange event; Chromium may deliver the next key first on a
 * loaded machine, and the key then acts on the previous selection.
 */
const editorCaret = (page: Page) =>
  page.evaluate(() => {
    type Position = {
      depth: number
      node(depth: number): { type: { name: string }; textContent: string }
      parentOffset: number
      parent: { content: { size: number } }
    }
    type WithEditor = Element & { editor: { state: { selection: { empty: boolean; $from: Position } } } }
    const { selection } = (document.querySelector('.ProseMirror') as WithEditor).editor.state
    const { $from } = selection
    if (!selection.empty || $from.depth !== 1 || $from.node(1).type.name !== 'paragraph')
      return { text: '', atEnd: false }
    return { text: $from.node(1).textContent, atEnd: $from.parentOffset === $from.parent.content.size }
  })

const field = (page: Page, scope: string, type: string) =>
  page.locator(`${scope} [data-type="${type}"] > .ctg-field__content`).first()

const blockTypes = (c: Convention) => c.content.map((b) => b.type)
const byType = (c: Convention, type: ConventionBlock['type']) => c.content.find((b) => b.type === type)!

describe('Ctrl+A is scoped to the field, then the block', () => {
  it('Ctrl+A then a key in a fiche title, an indicator label and a signatory name changes that field only', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs } = recordDialogs(page)

    const cases: { scope: string; type: string; letter: string; change: (c: Convention) => void }[] = [
      {
        scope: '.fiche-action',
        type: 'ficheTitle',
        letter: 'T',
        change: (c) => {
          const f = byType(c, 'ficheAction') as Extract<ConventionBlock, { type: 'ficheAction' }>
          f.title = 'T'
        },
      },
      {
        scope: '.indicator-table',
        type: 'indicatorLabel',
        letter: 'L',
        change: (c) => {
          const t = byType(c, 'indicatorTable') as Extract<ConventionBlock, { type: 'indicatorTable' }>
          t.rows[0]!.label = 'L'
        },
      },
      {
        scope: '.signatory-block',
        type: 'signatoryName',
        letter: 'N',
        change: (c) => {
          const s = byType(c, 'signatoryBlock') as Extract<ConventionBlock, { type: 'signatoryBlock' }>
          s.signatories[0]!.name = 'N'
        },
      },
    ]

    let expected = await exported(id)
    for (const { scope, type, letter, change } of cases) {
      await field(page, scope, type).click()
      await page.keyboard.press('Control+A')
      if (type === 'ficheTitle') {
        expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('Ouvrir un relais petite enfance')
        await page.locator('.fiche-action').first().scrollIntoViewIfNeeded()
        await page.screenshot({ path: join(OUTPUT, 'editor-safety-ctrl-a-field.png') })
      }
      await page.keyboard.press(letter)
      expected = structuredClone(expected)
      change(expected)
      await expect.poll(async () => (await exported(id)).content, WAIT).toEqual(expected.content)
    }
    expect(dialogs).toEqual([])
    await page.context().close()
  })

  it('a second Ctrl+A selects the block and no further; a key then asks before removing it', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs } = recordDialogs(page)
    const before = await exported(id)

    await field(page, '.fiche-action', 'ficheObjective').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Control+A')
    await expect.poll(() => page.locator('.fiche-action.ProseMirror-selectednode').count(), WAIT).toBe(1)
    await page.keyboard.press('Control+A')
    expect(await page.locator('.ProseMirror-selectednode').count()).toBe(1)
    await page.locator('.fiche-action').first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(OUTPUT, 'editor-safety-ctrl-a-block.png') })

    // typing over the selected fiche would remove it: asked, cancelled, kept
    await page.keyboard.press('x')
    await expect.poll(() => dialogs.length, WAIT).toBe(1)
    expect(dialogs[0]).toContain('la fiche action n°1 « Ouvrir un relais petite enfance »')
    await page.keyboard.press('Backspace')
    await expect.poll(() => dialogs.length, WAIT).toBe(2)
    expect(await page.locator('.fiche-action').count()).toBe(1)
    expect((await exported(id)).content).toEqual(before.content)
    await page.context().close()
  })

  it('in free text, Ctrl+A selects the text between the blocks, then the whole document, which asks before a key', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs, answer } = recordDialogs(page)
    const before = await exported(id)

    await page.locator('.convention-document > p', { hasText: 'Deuxième paragraphe' }).click()
    await page.keyboard.press('Control+A')
    const run = await page.evaluate(() => window.getSelection()?.toString() ?? '')
    expect(run).toContain('Annexe 3 — Plan d’actions')
    expect(run).toContain('Dernier paragraphe du document.')
    expect(run).not.toContain('Signatures')
    expect(run).not.toContain('Marie Dupré')
    await page.screenshot({ path: join(OUTPUT, 'editor-safety-ctrl-a-free-text.png') })

    await page.keyboard.press('Control+A')
    await page.keyboard.press('z')
    await expect.poll(() => dialogs.length, WAIT).toBe(1)
    expect(dialogs[0]).toContain('3 blocs')
    expect((await exported(id)).content).toEqual(before.content)

    // confirmed, the change goes through
    answer.accept = true
    await page.keyboard.press('z')
    await expect.poll(() => dialogs.length, WAIT).toBe(2)
    await expect.poll(async () => blockTypes(await exported(id)), WAIT).toEqual(['paragraph'])
    await page.context().close()
  })
})

describe('removing a non-empty block always asks first', () => {
  it('a paste over a selection spanning two blocks asks, and cancelling keeps them', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs } = recordDialogs(page)
    const before = await exported(id)

    // from the introduction paragraph to the table's title: the fiche in between would go
    await page.locator('.convention-document > p', { hasText: 'Une seule action' }).click()
    await page.keyboard.down('Shift')
    await field(page, '.indicator-table', 'indicatorTableTitle').click()
    await page.keyboard.up('Shift')
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/plain', 'Texte collé')
      document
        .querySelector('.convention-document')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect.poll(() => dialogs.length, WAIT).toBe(1)
    expect(dialogs[0]).toContain('la fiche action n°1')
    expect(await page.locator('.fiche-action').count()).toBe(1)
    expect(await page.getByText('Texte collé').count()).toBe(0)
    expect((await exported(id)).content).toEqual(before.content)
    await page.context().close()
  })

  it('two Backspaces from the heading below a filled table ask; Delete before a fiche asks too', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs } = recordDialogs(page)
    const before = await exported(id)

    await page.locator('.convention-document > h2', { hasText: 'Signatures' }).click()
    await page.keyboard.press('Home')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    await expect.poll(() => dialogs.length, WAIT).toBe(1)
    expect(dialogs[0]).toContain('le tableau d’indicateurs « Indicateurs »')

    await page.locator('.convention-document > p', { hasText: 'Une seule action' }).click()
    await expect.poll(async () => (await editorCaret(page)).text, WAIT).toContain('Une seule action')
    await page.keyboard.press('End')
    await expect.poll(async () => (await editorCaret(page)).atEnd, WAIT).toBe(true)
    await page.keyboard.press('Delete')
    await page.keyboard.press('Delete')
    await expect.poll(() => dialogs.length, WAIT).toBe(2)
    expect(dialogs[1]).toContain('la fiche action n°1')
    expect(await page.locator('.indicator-table').count()).toBe(1)
    expect((await exported(id)).content).toEqual(before.content)
    await page.context().close()
  })

  it('every block has the same delete control, which asks; cancel keeps the block, confirm removes it', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const { dialogs } = recordDialogs(page)

    for (const [scope, name, shot] of [
      ['.fiche-action', 'la fiche action n°1', 'fiche'],
      ['.indicator-table', 'le tableau d’indicateurs', 'table'],
      ['.signatory-block', 'le bloc des signataires', 'signatories'],
    ] as const) {
      const block = page.locator(scope).first()
      await block.getByRole('button', { name: 'Supprimer', exact: true }).click()
      const dialog = page.getByTestId('confirm-dialog')
      await dialog.waitFor()
      expect(await dialog.locator('h2').textContent()).toContain(`Supprimer ${name}`)
      await page.screenshot({ path: join(OUTPUT, `editor-safety-delete-${shot}.png`) })
      await dialog.getByRole('button', { name: 'Annuler' }).click()
      await dialog.waitFor({ state: 'detached' })
      expect(await page.locator(scope).count()).toBe(1)
    }

    await page.locator('.indicator-table').getByRole('button', { name: 'Supprimer', exact: true }).click()
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Supprimer', exact: true }).click()
    await expect
      .poll(async () => blockTypes(await exported(id)), WAIT)
      .toEqual(blockTypes(annexConvention()).filter((t) => t !== 'indicatorTable'))
    // the confirmed delete is not asked a second time
    expect(dialogs).toEqual([])
    await page.context().close()
  })
})
