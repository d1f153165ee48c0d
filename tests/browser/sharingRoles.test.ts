import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, objectiveText, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }

describe('sharing a convention with a role', () => {
  it('the owner shares with a commentateur, whose editor is read-only; role changes apply without a reload', async () => {
    const id = await createConvention(suite.server)
    const owner = await openConventionPage(suite, id, OWNER, 'owner')

    // the owner invites Paul as commentateur
    await owner.getByTestId('share').click()
    const dialog = owner.getByTestId('share-dialog')
    await dialog.getByTestId('share-name').fill('Paul Girard')
    await dialog.getByTestId('share-email').fill('paul.girard@seyne.example.fr')
    await dialog.getByTestId('share-organisation-kind').selectOption('commune')
    await dialog.getByTestId('share-organisation-name').fill('Commune de Seyne')
    await dialog.getByTestId('share-role-commenter').check()
    await dialog.getByTestId('share-submit').click()
    const link = await dialog.getByTestId('share-link').inputValue()
    expect(link).toMatch(/\/invitation\/[\w-]+$/)
    const paulRow = dialog.getByTestId('share-member').filter({ hasText: 'Paul Girard' })
    await expect.poll(() => paulRow.getByTestId('member-role').inputValue()).toBe('commenter')
    await expect.poll(() => paulRow.textContent()).toContain('Commune · Commune de Seyne')
    await owner.screenshot({ path: join(OUTPUT, 'share-dialog.png') })

    // Paul opens his link and creates his account; the convention is in his list, as commentateur
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const paul = await context.newPage()
    await paul.goto(link)
    await paul.getByTestId('invitation-password').fill('un mot de passe assez long')
    await paul.getByTestId('invitation-confirmation').fill('un mot de passe assez long')
    await paul.getByTestId('invitation-submit').click()
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await paul.getByRole('link', { name: 'Retour à mes conventions' }).click()
    await paul.locator(`[data-convention-id="${id}"]`).waitFor()
    await expect.poll(() => paul.getByTestId('convention-role').first().textContent()).toBe('Commentateur')
    await paul.screenshot({ path: join(OUTPUT, 'share-list-commentateur.png') })
    await paul.locator(`[data-convention-id="${id}"] a`).click()
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })

    // his editor is read-only, and says so
    await expect.poll(() => paul.getByTestId('read-only-badge').textContent()).toContain('Commentateur')
    expect(await paul.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')
    const before = await objectiveText(paul)
    await objective(paul).click()
    await paul.keyboard.type(' Paul essaie d’écrire.')
    expect(await objectiveText(paul)).toBe(before)
    expect(await exportedObjective(suite.server, id)).not.toContain('Paul essaie')
    await paul.screenshot({ path: join(OUTPUT, 'share-commentateur-read-only.png') })

    // the owner makes him rédacteur: his editor becomes editable, without a reload
    await owner
      .getByTestId('share-dialog')
      .getByTestId('share-member')
      .filter({ hasText: 'Paul Girard' })
      .getByTestId('member-role')
      .selectOption('editor')
    await expect
      .poll(() => paul.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 5_000 })
      .toBe('true')
    await objective(paul).click()
    await paul.keyboard.press('End')
    await paul.keyboard.type(' Paul complète.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('Paul complète.')

    // the owner revokes his access: his page says so at once
    await owner
      .getByTestId('share-dialog')
      .getByTestId('share-member')
      .filter({ hasText: 'Paul Girard' })
      .getByTestId('member-revoke')
      .click()
    await owner.getByTestId('confirm-dialog').getByRole('button', { name: 'Retirer l’accès' }).click()
    await paul.getByTestId('access-revoked').waitFor({ timeout: 5_000 })
    await paul.screenshot({ path: join(OUTPUT, 'share-revoked.png') })
    await context.close()
  }, 90_000)
})
