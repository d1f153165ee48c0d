import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()
const OWNER = { id: 'u-test', name: 'Testeuse' }
const CLAIRE = { id: 'u-claire', name: 'Claire Moreau' }

async function typeAtEndOfObjective(page: Page, text: string) {
  await objective(page).click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

async function confirm(page: Page) {
  await page.getByTestId('confirm-accept').click()
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
}

describe('versions, comparison and adoption', () => {
  it('names a version, compares it with a changed fiche (changed words highlighted), adopts, and the editor is frozen', async () => {
    const id = await createConvention(suite.server)
    const page = await openConventionPage(suite, id, OWNER, 'owner')

    await page.getByTestId('versions-open').click()
    const panel = page.getByTestId('versions-panel')
    await panel.getByLabel('Nommer l’état actuel').fill('Version présentée au COPIL du 8 décembre')
    await panel.getByRole('button', { name: 'Nommer cette version' }).click()
    const items = panel.getByTestId('version-item')
    await expect.poll(() => items.first().textContent()).toContain('Version présentée au COPIL du 8 décembre')
    await expect.poll(() => items.first().textContent()).toContain('Testeuse')
    await expect.poll(() => panel.getByTestId('signature-count').textContent()).toBe('0 signature sur 2')
    await expectNoAxeViolations(page, 'versions panel', '[data-testid="versions-panel"]')
    await page.screenshot({ path: join(OUTPUT, 'versions-history.png') })
    await panel.getByRole('button', { name: 'Fermer' }).click()

    await typeAtEndOfObjective(page, ' Un deuxième relais ouvrira à Seyne.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('deuxième relais')

    await page.getByTestId('versions-open').click()
    const named = items.filter({ hasText: 'Version présentée au COPIL' })
    await named.getByRole('button', { name: 'Comparer avec maintenant' }).click()
    const comparison = panel.getByTestId('comparison')
    await comparison.waitFor()
    await expect.poll(() => comparison.textContent()).toContain('Fiche 1')
    const inserted = await comparison.locator('ins').allTextContents()
    expect(inserted.join('')).toContain('deuxième relais ouvrira à Seyne')
    // unchanged words are shown, not highlighted
    expect(await comparison.locator('.word-changes > span').first().textContent()).toContain('Informer les familles')
    await expectNoAxeViolations(page, 'comparison', '[data-testid="versions-panel"]')
    await page.screenshot({ path: join(OUTPUT, 'versions-comparison.png') })

    // the named version opens as the editor shows it, read-only, without the later sentence
    await panel.getByRole('button', { name: 'Retour à l’historique' }).click()
    await named.getByRole('button', { name: 'Ouvrir' }).click()
    const version = page.getByTestId('version-view')
    const document = version.locator('.convention-document')
    await expect.poll(() => version.locator('.fiche-action').count()).toBeGreaterThan(0)
    expect(await document.getAttribute('contenteditable')).toBe('false')
    const objective = (await version.locator('[data-type="ficheObjective"]').first().textContent()) ?? ''
    expect(objective).toContain('Informer les familles')
    expect(objective).not.toContain('deuxième relais')
    await expectNoAxeViolations(page, 'version opened', '[data-testid="version-view"]')
    await page.screenshot({ path: join(OUTPUT, 'versions-open.png') })
    await version.getByRole('button', { name: 'Retour à l’historique' }).click()
    await panel.getByTestId('status-advance').click()
    await confirm(page)
    await expect.poll(() => panel.getByTestId('status-advance').textContent()).toContain('Adoptée')
    await panel.getByTestId('status-advance').click()
    await confirm(page)
    await expect.poll(() => panel.locator('[aria-current="step"]').textContent()).toContain('Adoptée')
    await panel.getByRole('button', { name: 'Fermer' }).click()

    const banner = page.getByTestId('frozen-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('Convention adoptée : elle ne peut plus être modifiée.')
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')
    await expectNoAxeViolations(page, 'frozen editor')
    await page.screenshot({ path: join(OUTPUT, 'versions-frozen-editor.png') })

    // changing it starts an avenant: a new draft from the adopted text, editable, linked to it
    await page.getByTestId('versions-open').click()
    await panel.getByRole('button', { name: 'Commencer un avenant' }).click()
    await expect.poll(() => new URL(page.url()).pathname).not.toBe(`/c/${id}`)
    await expect.poll(() => page.title()).toContain('Avenant n°1 à Convention Territoriale Globale')
    await page.locator('.fiche-action').first().waitFor()
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true')
    expect(await page.getByTestId('frozen-banner').count()).toBe(0)
    await page.getByTestId('versions-open').click()
    await page.getByTestId('amendments-open').click()
    await page.getByTestId('amendments-view').getByTestId('comparison-empty').waitFor()
    await page.getByTestId('versions-panel').getByRole('button', { name: 'Fermer' }).click()

    // numbers stay those of the adopted text: remove action 1.1 and add one: the new one takes the next free number
    const avenantId = new URL(page.url()).pathname.split('/').pop()!
    const fiche = page.locator('.fiche-action').first()
    const numbers = fiche.getByTestId('key-action-number')
    const adoptedNumbers = await numbers.allTextContents()
    expect(adoptedNumbers.length).toBeGreaterThan(0)
    await fiche.getByTestId('remove-key-action').first().click()
    await confirm(page)
    await expect.poll(() => numbers.allTextContents()).toEqual(adoptedNumbers.slice(1))
    await fiche.getByTestId('add-key-action').click()
    await page.keyboard.type('Nouvelle action de l’avenant')
    const next = `1.${adoptedNumbers.length + 1}`
    await expect.poll(() => numbers.allTextContents()).toEqual([...adoptedNumbers.slice(1), next])
    const exportedNumbers = async () => {
      const exported = (await (await suite.server.api(`/api/conventions/${avenantId}/export?format=json`)).json()) as {
        content: { type: string; keyActions?: { label: string; number: string }[] }[]
      }
      return exported.content.find((b) => b.type === 'ficheAction')!.keyActions!.map((k) => k.number)
    }
    await expect.poll(exportedNumbers, { timeout: 30_000 }).toEqual([...adoptedNumbers.slice(1), next])
    await page.screenshot({ path: join(OUTPUT, 'versions-avenant-numbers.png') })
    await page.context().close()
  }, 120_000)

  it('an edit made offline and sent after the adoption is not applied, and the browser says why and offers its text', async () => {
    const id = await createConvention(suite.server)
    const page = await openConventionPage(suite, id, CLAIRE, 'editor')
    const context = page.context()
    await context.setOffline(true)
    await expect.poll(() => page.getByTestId('offline-notice').count()).toBe(1)
    await typeAtEndOfObjective(page, ' Saisi dans le train.')

    const adopted = await suite.server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(adopted.status).toBe(200)
    await context.setOffline(false)

    const dialog = page.getByTestId('unsent-text-dialog')
    await dialog.waitFor({ timeout: 20_000 })
    expect(await dialog.textContent()).toContain('Cette convention a été adoptée')
    const texts = await dialog
      .locator('textarea')
      .evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value))
    expect(texts.join('\n')).toContain('Saisi dans le train.')
    expect(await exportedObjective(suite.server, id)).not.toContain('Saisi dans le train')
    await page.getByTestId('frozen-banner').waitFor()
    await expectNoAxeViolations(page, 'unsent text dialog', '[data-testid="unsent-text-dialog"]')
    await page.screenshot({ path: join(OUTPUT, 'versions-unsent-after-adoption.png') })
    await context.close()
  }, 60_000)
})
