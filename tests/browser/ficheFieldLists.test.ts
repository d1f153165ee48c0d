import { join } from 'node:path'
import type { Convention, FicheActionBlock } from '@ctg/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()
const person = { id: 'u-claire', name: 'Claire Caf' }

async function exportedFiche(id: string): Promise<FicheActionBlock> {
  const convention = (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
  return convention.content.find((b): b is FicheActionBlock => b.type === 'ficheAction')!
}

const toolbarButton = (page: Page, testId: string) => page.locator(`[data-testid="toolbar"] [data-testid="${testId}"]`)

describe("lists in a fiche's fields of paragraphs, in the editor", () => {
  it('types lists into a fiche ("- ", "1. ", the toolbar): the toolbar offers them there, the exports hold them', async () => {
    const id = await createConvention(suite.server, smallConvention())
    const page = await openConventionPage(suite, id, person)
    const fiche = page.locator('.fiche-action').first()

    // in a single-line field (the title) lists are not offered
    await fiche.locator('[data-type="ficheTitle"] .ctg-field__content').click()
    await expect.poll(() => toolbarButton(page, 'format-bullet-list').isDisabled()).toBe(true)

    // the objective: a new paragraph, "- " starts a bulleted list, Enter a new item, Enter twice leaves it
    await objective(page).click()
    await page.keyboard.press('End')
    await expect.poll(() => toolbarButton(page, 'format-bullet-list').isEnabled()).toBe(true)
    await page.keyboard.press('Enter')
    await page.keyboard.type('- Crèches et micro-crèches')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Relais petite enfance')
    await expect.poll(() => toolbarButton(page, 'format-bullet-list').getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Un bilan chaque année.')
    const objectiveField = fiche.locator('[data-type="ficheObjective"] > .ctg-field__content')
    await expect
      .poll(() => objectiveField.locator('ul > li').allTextContents())
      .toEqual(['Crèches et micro-crèches', 'Relais petite enfance'])

    // the expected result: the toolbar's numbered list
    await fiche.locator('[data-type="ficheExpectedResult"] > .ctg-field__content p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await toolbarButton(page, 'format-ordered-list').click()
    await page.keyboard.type('Ouvrir le relais')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Publier le guide')
    // the audience: "1. " starts a numbered list
    await fiche.locator('[data-type="ficheTargetAudience"] > .ctg-field__content p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('1. Familles monoparentales')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Jeunes de 16 à 25 ans')

    await expect
      .poll(async () => {
        const f = await exportedFiche(id)
        return [f.rich?.objective?.slice(1), f.rich?.expectedResult?.at(-1), f.rich?.targetAudience?.at(-1)]
      })
      .toEqual([
        [
          {
            type: 'list',
            ordered: false,
            items: [{ text: 'Crèches et micro-crèches' }, { text: 'Relais petite enfance' }],
          },
          [{ text: 'Un bilan chaque année.' }],
        ],
        { type: 'list', ordered: true, items: [{ text: 'Ouvrir le relais' }, { text: 'Publier le guide' }] },
        {
          type: 'list',
          ordered: true,
          items: [{ text: 'Familles monoparentales' }, { text: 'Jeunes de 16 à 25 ans' }],
        },
      ])
    const before = smallConvention().content.find((b): b is FicheActionBlock => b.type === 'ficheAction')!
    expect((await exportedFiche(id)).objective).toBe(
      `${before.objective}\n\nCrèches et micro-crèches\n\nRelais petite enfance\n\nUn bilan chaque année.`,
    )
    const md = await (await suite.server.api(`/api/conventions/${id}/export?format=md`)).text()
    expect(md).toContain('\n- Crèches et micro-crèches\n- Relais petite enfance\n')
    expect(md).toContain('\n1. Ouvrir le relais\n2. Publier le guide\n')

    // what a Caf officer sees: the fiche with its lists
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    // the sticky header and toolbar stay at the top: the fields go to the middle of the window
    await objectiveField.evaluate((field) => field.scrollIntoView({ block: 'center' }))
    await page.screenshot({ path: join(OUTPUT, 'fiche-field-lists.png') })
    await objectiveField.screenshot({ path: join(OUTPUT, 'fiche-field-lists-objective.png') })
    await expectNoAxeViolations(page, 'fiche with lists')
    await page.context().close()
  }, 90_000)
})
