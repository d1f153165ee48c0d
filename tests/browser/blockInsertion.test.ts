import { join } from 'node:path'
import type { Convention } from '@ctg/shared'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { annexConvention } from '../fixtures/annexConvention.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()
const person = { id: 'u-elodie', name: 'Élodie EPCI' }
const WAIT = { timeout: 30_000 }

async function exported(id: string): Promise<Convention> {
  return (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
}

const paragraph = (page: Page, text: string) => page.locator('.convention-document > p', { hasText: text })

/**
 * Clicks just after the last character of a one-line paragraph (the caret goes to
 * its end), once the paragraph stopped moving: long documents lay out off-screen
 * blocks lazily, so scrolling shifts what is below.
 */
async function clickAtEnd(page: Page, target: Locator) {
  await target.scrollIntoViewIfNeeded()
  let box = (await target.boundingBox())!
  // still for three frames in a row: a block laid out late moves it again after one still frame
  for (let i = 0, still = 0; i < 40 && still < 3; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    const again = (await target.boundingBox())!
    still = again.y === box.y ? still + 1 : 0
    box = again
  }
  const x = box.x + box.width - 4
  const y = box.y + box.height / 2
  // ProseMirror counts clicks itself: two within 500 ms and 10 px are a double click (a word
  // selected), three a triple click (the paragraph selected). Successive iterations that land
  // on the same spot must not add up to one: a person clicking once, not three times.
  if (lastClick && Math.hypot(lastClick.x - x, lastClick.y - y) < 12) {
    const since = Date.now() - lastClick.at
    if (since < 600) await new Promise((resolve) => setTimeout(resolve, 600 - since))
  }
  await page.mouse.click(x, y)
  lastClick = { x, y, at: Date.now() }
}
let lastClick: { x: number; y: number; at: number } | undefined

/** The id of the node right after the paragraph, and whether it is a fiche. */
const nextBlock = (target: Locator) =>
  target.evaluate((p) => {
    const next = p.nextElementSibling as HTMLElement | null
    return { type: next?.dataset.type ?? next?.tagName ?? null, id: next?.dataset.id ?? null }
  })

/** Where a "/" was typed, for the failure message: the node that holds it. */
const slashPlace = (page: Page) =>
  page.evaluate(() => {
    const element = [...document.querySelectorAll('.convention-document *')].find(
      (e) => e.childElementCount === 0 && e.textContent?.includes('/'),
    )
    return element ? `into ${element.closest('[data-type]')?.getAttribute('data-type') ?? element.tagName}` : 'nowhere'
  })

describe('blocks land at the caret', () => {
  it('"/" right after a click, 50 times in a row: at the end of the document, in the middle of an annex, after the signature paragraph', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    const targets = ['Dernier paragraphe du document.', 'Premier paragraphe de l’annexe.', 'Fait à Digne-les-Bains']
    const seen = new Set<string>()
    const misplaced: string[] = []
    for (let i = 0; i < 50; i++) {
      const text = targets[i % targets.length]!
      const target = paragraph(page, text)
      const fiches = await page.locator('.fiche-action').count()
      // every third time the editor is not focused before the click (the click focuses it)
      if (i % 3 === 0) await page.getByTestId('convention-title').focus()
      await clickAtEnd(page, target)
      // no wait between the click and the key: "/" after a space, or on a new line
      if (i % 2) await page.keyboard.press('Enter')
      await page.keyboard.type(i % 2 ? '/' : ' /')
      const menu = await page
        .getByTestId('slash-menu')
        .waitFor(WAIT)
        .then(() => true)
        .catch(() => false)
      if (!menu) {
        await page.screenshot({ path: join(OUTPUT, 'block-insertion-failure.png') })
        throw new Error(
          `iteration ${i}: no "/" menu after a click at the end of « ${text} »; "/" went ${await slashPlace(page)}`,
        )
      }
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('.fiche-action').count(), WAIT).toBe(fiches + 1)
      const next = await nextBlock(target)
      if (next.type !== 'ficheAction' || !next.id || seen.has(next.id)) misplaced.push(`${i}: after « ${text} »`)
      if (next.id) seen.add(next.id)
      expect(await target.textContent()).not.toContain('/')
      if (i === 1) await page.screenshot({ path: join(OUTPUT, 'block-insertion-annex.png') })
    }
    expect(misplaced).toEqual([])
    // the server holds them where they were inserted: 50 new fiches, none under the title
    // (the last insertion may still be on its way: wait for the server to hold all of them)
    await expect
      .poll(async () => (await exported(id)).content.filter((b) => b.type === 'ficheAction').length, WAIT)
      .toBe(51)
    const content = (await exported(id)).content
    expect(content.slice(0, 3).map((b) => b.type)).toEqual(['heading', 'paragraph', 'ficheAction'])
    expect(content.at(-1)!.type).toBe('ficheAction')
    await page.context().close()
  }, 300_000)

  it('the toolbar inserts right after the paragraph just clicked, never splitting it', async () => {
    const id = await createConvention(suite.server, annexConvention())
    const page = await openConventionPage(suite, id, person)
    for (let i = 0; i < 10; i++) {
      const text = i % 2 ? 'Deuxième paragraphe de l’annexe.' : 'Fait à Digne-les-Bains'
      const target = paragraph(page, text)
      const tables = await page.locator('.indicator-table').count()
      await target.click()
      await page.getByTestId('insert-indicator-table').click()
      await expect.poll(() => page.locator('.indicator-table').count(), WAIT).toBe(tables + 1)
      expect((await nextBlock(target)).type).toBe('indicatorTable')
      expect(await target.textContent()).toContain(text)
    }
    await page.context().close()
  }, 120_000)
})
