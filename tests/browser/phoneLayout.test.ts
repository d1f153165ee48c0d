import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'

const suite = browserSuite()

const OWNER = { id: 'u-test', name: 'Testeuse' }

/** Phones from the smallest common one to the largest. */
const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 430, height: 932 },
] as const

async function phonePage(viewport: { width: number; height: number }, path: string): Promise<Page> {
  const context = await suite.browser.newContext({
    viewport,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'fr-FR',
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error))
  await page.goto(`${suite.server.httpUrl}${path}#jeton=${await suite.server.token(OWNER)}`)
  return page
}

/** The page's width against the viewport's: equal when nothing sticks out sideways. */
const widths = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))

/** Elements wider than the viewport or reaching past its right edge, outside frames that scroll. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const inScroller = (element: Element) => {
      for (let e = element.parentElement; e; e = e.parentElement) {
        const style = getComputedStyle(e)
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') return true
      }
      return false
    }
    return Array.from(document.querySelectorAll('body *'))
      .filter((element) => {
        const box = element.getBoundingClientRect()
        return box.width > 0 && box.right > window.innerWidth + 0.5 && !inScroller(element)
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
      .slice(0, 10)
  })

describe('on a phone (360 to 430 px wide)', () => {
  for (const viewport of PHONES) {
    it(`at ${viewport.width} px the list and the editor fit the width, fields can be edited, tables scroll in their frame`, async () => {
      const id = await createConvention(suite.server, twoOfEachKindConvention())

      const list = await phonePage(viewport, '/')
      await list.getByTestId('convention-card').first().waitFor()
      await list.screenshot({ path: join(OUTPUT, `phone-${viewport.width}-list.png`) })
      expect(await overflowing(list)).toEqual([])
      expect(await widths(list)).toEqual({ scrollWidth: viewport.width, innerWidth: viewport.width })
      await list.context().close()

      const page = await phonePage(viewport, `/c/${id}`)
      await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
      await expect.poll(() => page.locator('.signatory-block').count()).toBe(2)
      await page.screenshot({ path: join(OUTPUT, `phone-${viewport.width}-editor.png`) })
      expect(await overflowing(page)).toEqual([])
      expect(await widths(page)).toEqual({ scrollWidth: viewport.width, innerWidth: viewport.width })

      // the phone layout (the toolbar as a strip that scrolls) keeps the page accessible
      if (viewport.width === 390) await expectNoAxeViolations(page, 'the editor at 390 px')

      // the longest axis name shows in full, on two lines if need be
      const theme = page.locator('.fiche-theme__shown').nth(1)
      expect(await theme.textContent()).toBe('Accès aux droits et inclusion numérique')
      expect(await theme.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true)

      // a tap in the first fiche's title, and typing, edits it
      const title = page.locator('.fiche-action [data-type="ficheTitle"] > .ctg-field__content').first()
      await title.scrollIntoViewIfNeeded()
      await title.tap()
      await page.keyboard.press('End')
      await page.keyboard.type(' au téléphone')
      await expect
        .poll(
          async () => {
            const convention = (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
              content: { type: string; title?: string }[]
            }
            return convention.content.find((b) => b.type === 'ficheAction')?.title
          },
          { timeout: 30_000 },
        )
        .toBe('Ouvrir un relais petite enfance au téléphone')
      await page.screenshot({ path: join(OUTPUT, `phone-${viewport.width}-editing.png`) })

      // the indicator table scrolls inside its own frame, which takes the keyboard focus and is named
      const frame = page.locator('.indicator-table__scroll').first()
      await frame.scrollIntoViewIfNeeded()
      const scroll = await frame.evaluate((e) => ({
        overflowX: getComputedStyle(e).overflowX,
        scrollWidth: e.scrollWidth,
        clientWidth: e.clientWidth,
        tabIndex: e.tabIndex,
        name: e.getAttribute('aria-label') ?? e.getAttribute('aria-labelledby'),
      }))
      expect(scroll.overflowX).toBe('auto')
      expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth)
      expect(scroll.tabIndex).toBe(0)
      expect(scroll.name).toBeTruthy()
      // a tap in a cell, and typing, edits it
      const unit = page.locator('.indicator-row [data-type="indicatorUnit"] > .ctg-field__content').first()
      await unit.tap()
      // the editor has the focus, not the frame around the table
      expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
      await page.keyboard.press('End')
      await page.keyboard.type(' plein')
      await expect
        .poll(
          async () => {
            const convention = (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
              content: { type: string; rows?: { unit: string }[] }[]
            }
            return convention.content.find((b) => b.type === 'indicatorTable')?.rows?.[0]?.unit
          },
          { timeout: 30_000 },
        )
        .toBe('ETP plein')
      await frame.evaluate((e) => e.scrollTo({ left: e.scrollWidth }))
      await page.screenshot({ path: join(OUTPUT, `phone-${viewport.width}-table.png`) })
      expect(await widths(page)).toEqual({ scrollWidth: viewport.width, innerWidth: viewport.width })
      await page.context().close()
    }, 90_000)
  }

  it('at 1440 px the header shows a long title in full, the actions going to a second row', async () => {
    const convention = twoOfEachKindConvention()
    convention.title = 'Convention Territoriale Globale de Provence Alpes Agglomération 2026–2030 — avenant n°2'
    const id = await createConvention(suite.server, convention)
    for (const role of ['owner', 'editor'] as const) {
      const person = role === 'owner' ? OWNER : { id: 'u-camille', name: 'Camille Martin' }
      const page = await openConventionPage(suite, id, person, role)
      const title = page.getByTestId('convention-title')
      await expect.poll(() => title.inputValue()).toBe(convention.title)
      const shown = await title.evaluate((input) => ({ scroll: input.scrollWidth, client: input.clientWidth }))
      expect(shown.scroll).toBeLessThanOrEqual(shown.client)
      await page.screenshot({
        path: join(OUTPUT, `header-1440-long-title-${role}.png`),
        clip: { x: 0, y: 0, width: 1440, height: 200 },
      })
      await page.context().close()
    }
  }, 90_000)

  it('at 390 px the sign-in page, an invitation and the dialogs fit the width', async () => {
    const viewport = { width: 390, height: 844 }
    const fits = async (page: Page, name: string) => {
      await page.screenshot({ path: join(OUTPUT, `phone-390-${name}.png`) })
      const wide = await overflowing(page)
      expect({ ...(await widths(page)), wide }, name).toEqual({ scrollWidth: 390, innerWidth: 390, wide: [] })
    }
    const id = await createConvention(suite.server, twoOfEachKindConvention())
    const shared = await suite.server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'Élodie Roux',
        email: 'elodie.roux@epci.example.fr',
        organisationKind: 'epci',
        role: 'editor',
      }),
    })
    const { link } = (await shared.json()) as { link: string }

    const context = await suite.browser.newContext({ viewport, isMobile: true, hasTouch: true, locale: 'fr-FR' })
    const page = await context.newPage()
    await page.goto(`${suite.server.httpUrl}/connexion`)
    await page.getByTestId('sign-in').waitFor()
    await fits(page, 'sign-in')
    await page.goto(link)
    await page.getByTestId('invitation-summary').waitFor()
    await fits(page, 'invitation')
    await context.close()

    const list = await phonePage(viewport, '/')
    await list.getByTestId('new-convention').tap()
    await list.getByTestId('new-convention-dialog').waitFor()
    await fits(list, 'new-convention')
    await list.context().close()

    const editor = await phonePage(viewport, `/c/${id}`)
    await editor.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await editor.getByTestId('share').tap()
    await editor.getByTestId('share-name').waitFor()
    await fits(editor, 'share')
    await editor.keyboard.press('Escape')
    await editor.getByTestId('activity-open').tap()
    await editor.getByTestId('activity-entry').first().waitFor()
    await fits(editor, 'activity-log')
    await editor.context().close()
  }, 90_000)
})
