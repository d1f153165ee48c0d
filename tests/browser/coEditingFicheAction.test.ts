import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Convention, FicheActionBlock } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { launchChromium } from '../helpers/launchChromium.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const OUTPUT = join(import.meta.dirname, '..', 'output')

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startTestServer()
  browser = await launchChromium()
  mkdirSync(OUTPUT, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openAs(id: string, user: { id: string; name: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${user.name}] page error:`, error))
  await page.goto(`${server.httpUrl}/c/${id}#jeton=${await server.token(user)}`)
  await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
  return page
}

const objective = (page: Page) =>
  page.locator('.fiche-action [data-type="ficheObjective"] > .ctg-field__content p').first()

/** The field's text as the document holds it, without the other people's caret labels drawn inside it. */
const objectiveText = (page: Page) =>
  objective(page).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })

describe('two browsers edit one fiche action at once', () => {
  it('both end with the same text, holding what each typed', async () => {
    const created = await server.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: smallConvention() }),
    })
    const { id } = (await created.json()) as { id: string }

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
    await expect.poll(async () => new Set(await texts()).size, { timeout: 10_000 }).toBe(1)
    const [text] = await texts()
    expect(text).toContain('Claire ajoute une phrase.')
    expect(text).toContain('Élodie ajoute la sienne.')

    // each sees the other's caret with a name
    await expect
      .poll(() => claire.locator('.collaboration-carets__label', { hasText: 'Élodie EPCI' }).count())
      .toBeGreaterThan(0)

    // and the server holds the same text
    await expect
      .poll(async () => {
        const c = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
        return (c.content.find((b) => b.type === 'ficheAction') as FicheActionBlock).objective
      })
      .toContain('Élodie ajoute la sienne.')

    // the save status turns to "Enregistré à HH:MM" once the server has stored the edit
    await expect
      .poll(() => claire.getByTestId('save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Enregistré à \d\d:\d\d$/)

    await claire.locator('.fiche-action').first().scrollIntoViewIfNeeded()
    await claire.screenshot({ path: join(OUTPUT, 'co-editing-claire.png') })
    await elodie.screenshot({ path: join(OUTPUT, 'co-editing-elodie.png') })
  })
})
