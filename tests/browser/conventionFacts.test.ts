import { join } from 'node:path'
import type { Convention } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import { wholeConvention } from '../fixtures/wholeConvention.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()
const person = { id: 'u-agnes', name: 'Agnès Caf' }

async function exported(id: string): Promise<Convention> {
  return (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
}

describe('the forms of a convention’s facts: parties, territory, planning table', () => {
  it('edits parties, takes a pasted list of communes, fills a planning cell; the export holds them as data', async () => {
    const id = await createConvention(suite.server, wholeConvention())
    const page = await openConventionPage(suite, id, person)

    const parties = page.locator('section.parties-block')
    await parties.scrollIntoViewIfNeeded()
    await parties.screenshot({ path: join(OUTPUT, 'convention-facts-parties.png') })

    // the third party becomes the Département
    await parties.locator('[data-testid="party-kind"]').nth(2).selectOption('departement')
    await expect.poll(async () => (await exported(id)).parties[2]?.kind).toBe('departement')

    // a list of communes pasted from a spreadsheet or an e-mail
    const territory = page.locator('section.territory-block')
    await territory.scrollIntoViewIfNeeded()
    await territory.locator('[data-testid="communes-paste"]').fill('Selonnet\nMontclar (04126), Le Vernet;\nSeyne')
    await territory.locator('[data-testid="add-communes"]').click()
    await expect
      .poll(async () => (await exported(id)).territory?.communes.map((c) => [c.name, c.insee]))
      .toEqual([
        ['Seyne', '04205'],
        ['Verdaches', null],
        ['Ajaccio', '2A004'],
        ['Selonnet', null],
        ['Montclar', '04126'],
        ['Le Vernet', null],
      ])
    await territory.screenshot({ path: join(OUTPUT, 'convention-facts-territory.png') })

    // the planned offer for 2027, typed in its own cell: never the existing one nor the achieved one
    const planning = page.locator('section.planning-table')
    await planning.scrollIntoViewIfNeeded()
    const planned2027 = planning.locator(
      '[data-type="planningYear"][data-year="2027"] [data-type="planningPlanned"] .ctg-field__content',
    )
    await planned2027.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' + 4')
    await expect
      .poll(async () => {
        const table = (await exported(id)).content.find((b) => b.type === 'planningTable')
        return table?.type === 'planningTable'
          ? table.rows[0]!.years.map((y) => [y.planned.text, y.achieved.text])
          : null
      })
      .toEqual([
        ['12', '11'],
        ['22 places + 4', ''],
      ])
    await planning.screenshot({ path: join(OUTPUT, 'convention-facts-planning.png') })
    // a fourth theme for the fiche, and its second indicator followed in the indicators table
    const fiche = page.locator('.fiche-action').first()
    // the main theme is not offered again among the others
    await expect.poll(() => fiche.locator('[data-testid="other-theme-petite_enfance"]').isVisible()).toBe(false)
    expect(await fiche.locator('[data-testid="other-theme-enfance"]').isVisible()).toBe(true)
    await fiche.locator('[data-testid="other-theme-parentalite"]').check()
    await expect
      .poll(async () => {
        const f = (await exported(id)).content.find((b) => b.type === 'ficheAction')
        return f?.type === 'ficheAction' ? f.theme.codes : null
      })
      .toEqual(['petite_enfance', 'enfance', 'jeunesse', 'parentalite'])
    const links = fiche.locator('[data-testid="indicator-row-link"]')
    await links.nth(1).focus()
    await links.nth(1).selectOption('ir-1-1')
    await expect
      .poll(async () => {
        const f = (await exported(id)).content.find((b) => b.type === 'ficheAction')
        return f?.type === 'ficheAction' ? f.indicators.items.map((i) => i.rowId) : null
      })
      .toEqual(['ir-1-1', 'ir-1-1'])
    await fiche.locator('[data-type="ficheTheme"]').screenshot({ path: join(OUTPUT, 'convention-facts-themes.png') })
    await fiche
      .locator('[data-type="ficheIndicators"]')
      .screenshot({ path: join(OUTPUT, 'convention-facts-indicator-link.png') })
    // the second signatory now signs for the State
    const signatories = page.locator('section.signatory-block')
    await signatories.scrollIntoViewIfNeeded()
    const partyOf = signatories.locator('[data-testid="signatory-party"]')
    await partyOf.nth(1).focus()
    await partyOf.nth(1).selectOption('pa-etat')
    await expect
      .poll(async () => {
        const b = (await exported(id)).content.find((x) => x.type === 'signatoryBlock')
        return b?.type === 'signatoryBlock' ? b.signatories.map((s) => s.partyId) : null
      })
      .toEqual(['pa-caf', 'pa-etat'])
    await signatories.screenshot({ path: join(OUTPUT, 'convention-facts-signatories.png') })
    // the first indicators table belongs to the Caf; its first indicator is collected every year
    const indicators = page.locator('.indicator-table').first()
    await indicators.scrollIntoViewIfNeeded()
    const owner = indicators.locator('[data-testid="table-owner"]')
    await owner.focus()
    await owner.selectOption('pa-caf')
    await indicators.locator('[data-testid="indicator-frequency"]').first().selectOption('annuelle')
    await expect
      .poll(async () => {
        const t = (await exported(id)).content.find((x) => x.type === 'indicatorTable')
        return t?.type === 'indicatorTable' ? [t.ownerId, t.rows[0]?.frequency] : null
      })
      .toEqual(['pa-caf', 'annuelle'])
    await indicators.screenshot({ path: join(OUTPUT, 'convention-facts-indicators.png') })
    await page.screenshot({ path: join(OUTPUT, 'convention-facts-page.png'), fullPage: false })
    await expectNoAxeViolations(page, 'convention facts')
    await page.context().close()
  }, 90_000)

  it('keeps bold and a link typed in a fiche’s objective as runs of the export', async () => {
    const id = await createConvention(suite.server, wholeConvention())
    const page = await openConventionPage(suite, id, person)
    const objective = page.locator('.fiche-action').first().locator('[data-type="ficheObjective"] p').last()
    await objective.scrollIntoViewIfNeeded()
    // a new paragraph at the end of the objective: its first word in bold, then a link
    await objective.click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('Important')
    await page.keyboard.press('Control+b')
    await page.keyboard.type(' : voir ')
    await page.keyboard.press('Control+k')
    const dialog = page.getByTestId('link-dialog')
    await dialog.getByTestId('link-href').fill('javascript:alert(1)')
    await dialog.getByTestId('link-apply').click()
    await expect.poll(() => dialog.locator('[role="alert"]').textContent()).toContain('https://')
    await dialog.getByTestId('link-href').fill('www.caf.fr')
    await dialog.screenshot({ path: join(OUTPUT, 'link-dialog.png') })
    await dialog.getByTestId('link-apply').click()
    await expect
      .poll(async () => {
        const f = (await exported(id)).content.find((b) => b.type === 'ficheAction')
        return f?.type === 'ficheAction' ? f.rich?.objective?.at(-1) : null
      })
      .toEqual([
        { text: 'Important', marks: [{ type: 'bold' }] },
        { text: ' : voir ' },
        { text: 'https://www.caf.fr', marks: [{ type: 'link', href: 'https://www.caf.fr' }] },
      ])
    // the toolbar shows the link under the caret, and the same dialog removes it
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => page.getByTestId('format-link').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('format-link').click()
    await page.getByTestId('link-dialog').getByTestId('link-remove').click()
    await expect
      .poll(async () => {
        const f = (await exported(id)).content.find((b) => b.type === 'ficheAction')
        return f?.type === 'ficheAction' ? f.rich?.objective?.at(-1) : null
      })
      .toEqual([{ text: 'Important', marks: [{ type: 'bold' }] }, { text: ' : voir https://www.caf.fr' }])
    await page.context().close()
  }, 90_000)
})
