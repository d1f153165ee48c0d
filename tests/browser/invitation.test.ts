import { sessionCookieOf } from '../helpers/sessionCookie.js'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }

describe('an invitation link', () => {
  it('accepted in the browser creates the account, signs in and opens the convention with the role given', async () => {
    const id = await createConvention(suite.server)
    const owner = await openConventionPage(suite, id, OWNER, 'owner')

    // the owner invites Élodie, who has no account yet, as rédactrice
    await owner.getByTestId('share').click()
    const dialog = owner.getByTestId('share-dialog')
    await dialog.getByTestId('share-name').fill('Élodie Roux')
    await dialog.getByTestId('share-email').fill('elodie.roux@epci.example.fr')
    await dialog.getByTestId('share-organisation-kind').selectOption('epci')
    await dialog.getByTestId('share-organisation-name').fill('CC du Pays de Seyne')
    await dialog.getByTestId('share-role-editor').check()
    await dialog.getByTestId('share-submit').click()
    const link = await dialog.getByTestId('share-link').inputValue()
    expect(link).toMatch(/\/invitation\/[^/]+$/)
    expect(await dialog.getByTestId('share-result').getAttribute('data-has-account')).toBe('false')
    expect(await dialog.getByTestId('share-link-status').textContent()).toContain('n’a pas encore de compte')
    await dialog.getByTestId('share-link').scrollIntoViewIfNeeded()
    await owner.screenshot({ path: join(OUTPUT, 'share-dialog-invitation-link.png') })

    // Élodie opens it in her own browser
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const elodie = await context.newPage()
    elodie.on('pageerror', (error) => console.error('page error:', error))
    await elodie.goto(link)
    const summary = elodie.getByTestId('invitation-summary')
    await summary.waitFor()
    const said = (await summary.textContent()) ?? ''
    expect(said).toContain('Testeuse vous invite à rejoindre la convention')
    expect(said).toContain('Rédacteur')
    expect(await elodie.getByTestId('invitation-convention').textContent()).toBeTruthy()
    expect(await elodie.getByTestId('invitation-name').inputValue()).toBe('Élodie Roux')
    expect(await elodie.getByTestId('invitation-email').inputValue()).toBe('elodie.roux@epci.example.fr')
    await elodie.screenshot({ path: join(OUTPUT, 'invitation.png'), fullPage: true })

    // a password too short, then two that differ, are refused before asking the server
    await elodie.getByTestId('invitation-password').fill('court')
    await elodie.getByTestId('invitation-confirmation').fill('court')
    await elodie.getByTestId('invitation-submit').click()
    expect(await elodie.getByTestId('invitation-error').textContent()).toContain('au moins 12 caractères')
    await elodie.getByTestId('invitation-password').fill('le relais petite enfance ouvre en mai')
    await elodie.getByTestId('invitation-confirmation').fill('le relais petite enfance ouvre en juin')
    await elodie.getByTestId('invitation-submit').click()
    expect(await elodie.getByTestId('invitation-error').textContent()).toContain('ne sont pas identiques')
    await elodie.screenshot({ path: join(OUTPUT, 'invitation-passwords-differ.png'), fullPage: true })

    await elodie.getByTestId('invitation-confirmation').fill('le relais petite enfance ouvre en mai')
    await elodie.getByTestId('invitation-submit').click()
    await elodie.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    expect(new URL(elodie.url()).pathname).toBe(`/c/${id}`)

    // rédactrice: her editor is editable, without the read-only badge, and her edits reach the server
    await expect.poll(() => elodie.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true')
    expect(await elodie.getByTestId('read-only-badge').count()).toBe(0)
    await objective(elodie).click()
    await elodie.keyboard.press('End')
    await elodie.keyboard.type(' Élodie complète.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('Élodie complète.')
    // she signs in again later with her e-mail and password
    const token = await sessionCookieOf(elodie.context())
    expect(
      ((await (await suite.server.api('/api/me', { token })).json()) as { user: { name: string } }).user.name,
    ).toBe('Élodie Roux')
    const login = await suite.server.api('/api/auth/login', {
      method: 'POST',
      token: null,
      body: JSON.stringify({ email: 'elodie.roux@epci.example.fr', password: 'le relais petite enfance ouvre en mai' }),
    })
    expect(login.status).toBe(200)

    // the link has served: opened again, it says so and offers the sign-in page
    const again = await context.newPage()
    await again.goto(link)
    await expect
      .poll(() => again.getByTestId('invitation-problem').textContent())
      .toContain('Le compte a déjà été créé avec ce lien')
    await again.screenshot({ path: join(OUTPUT, 'invitation-used.png') })
    await context.close()

    // invited again, to a second convention, Élodie is told she already has an account
    const second = await createConvention(suite.server)
    const shared = await suite.server.api(`/api/conventions/${second}/members`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'Élodie Roux',
        email: 'elodie.roux@epci.example.fr',
        organisationKind: 'epci',
        role: 'reader',
      }),
    })
    const answer = (await shared.json()) as { link: string; hasAccount: boolean }
    expect(answer.hasAccount).toBe(true)
    expect(answer.link).toMatch(new RegExp(`/c/${second}$`))
    await owner.context().close()
  }, 90_000)

  it('an unknown code gets a clear French message', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const page = await context.newPage()
    await page.goto(`${suite.server.httpUrl}/invitation/inconnu0000000000000000`)
    await expect
      .poll(() => page.getByTestId('invitation-problem').textContent())
      .toContain('ne correspond à aucune invitation')
    await page.screenshot({ path: join(OUTPUT, 'invitation-unknown.png') })
    await context.close()
  })
})
