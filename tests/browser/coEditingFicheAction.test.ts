import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  exportedObjective,
  objective,
  objectiveText,
  openConventionPage,
  type Person,
} from '../helpers/conventionPage.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()

const openAs = (id: string, person: Person) => openConventionPage(suite, id, person)

describe('two browsers edit one fiche action at once', () => {
  it('both end with the same text, holding what each typed', async () => {
    const id = await createConvention(suite.server)

    const claire = await openAs(id, { id: 'u-claire', name: 'Claire Caf' })
    const elodie = await openAs(id, { id: 'u-elodie', name: 'Élodie EPCI' })

    // each puts the caret at the end of the objectif global, then both type at once
    for (const page of [claire, elodie]) {
      await objective(page).click()
      await page.keyboard.press('End')
    }
    await Promise.all([
      claire.keyboard.type(' Claire ajoute une phrase.', { delay: 25 }),
      elodie.keyboard.type(' Élodie ajoute la sienne.', { delay: 25 }),
    ])

    const texts = async () => [await objectiveText(claire), await objectiveText(elodie)]
    await expect.poll(async () => new Set(await texts()).size, { timeout: 30_000 }).toBe(1)
    const [text] = await texts()
    expect(text).toContain('Claire ajoute une phrase.')
    expect(text).toContain('Élodie ajoute la sienne.')

    // each sees the other's caret with a name
    await expect
      .poll(() => claire.locator('.collaboration-carets__label', { hasText: 'Élodie EPCI' }).count())
      .toBeGreaterThan(0)
    // the name shows while she types, then fades so that it does not stay over the text
    const label = claire.locator('.collaboration-carets__label', { hasText: 'Élodie EPCI' }).first()
    await expect.poll(() => label.evaluate((e) => getComputedStyle(e).visibility), { timeout: 30_000 }).toBe('hidden')

    // and the server holds the same text
    await expect.poll(() => exportedObjective(suite.server, id)).toContain('Élodie ajoute la sienne.')

    // the save status turns to "Enregistré à HH:MM" once the server has stored the edit
    await expect
      .poll(() => claire.getByTestId('save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Enregistré à \d\d:\d\d$/)

    await claire.locator('.fiche-action').first().scrollIntoViewIfNeeded()
    await claire.screenshot({ path: join(OUTPUT, 'co-editing-claire.png') })
    await elodie.screenshot({ path: join(OUTPUT, 'co-editing-elodie.png') })
  })
})
