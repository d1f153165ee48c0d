import { describe, expect, it } from 'vitest'
import { browserSuite } from '../helpers/browserSuite.js'
import { exportedObjective, objective } from '../helpers/conventionPage.js'
import { createAccount } from '../helpers/createAccount.js'
import { createConvention } from '../helpers/createConvention.js'
import { watchCspViolations } from '../helpers/cspViolations.js'

const suite = browserSuite()

describe('the client under its Content-Security-Policy', () => {
  it('signs in, edits over the WebSocket, shares and lists with zero CSP violations', async () => {
    const id = await createConvention(suite.server)
    const camille = await createAccount(
      suite.server,
      id,
      { name: 'Camille Martin', email: 'camille.csp@caf.example.fr', password: 'une phrase de passe assez longue' },
      'owner',
    )
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const violations = await watchCspViolations(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error('page error:', error))

    const first = await page.goto(`${suite.server.httpUrl}/c/${id}`)
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.getByTestId('sign-in-email').fill(camille.email)
    await page.getByTestId('sign-in-password').fill(camille.password)
    await page.getByTestId('sign-in-submit').click()
    await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })

    // the editor's styles are applied (Tiptap's injected stylesheet and the app's own)
    expect(['pre-wrap', 'break-spaces']).toContain(
      await page.locator('.ProseMirror').evaluate((element) => getComputedStyle(element).whiteSpace),
    )
    // typing reaches the server through the WebSocket (connect-src 'self')
    await objective(page).click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Sous CSP.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 15_000 }).toMatch(/Sous CSP\.$/)

    await page.getByTestId('share').click()
    await page.getByTestId('share-members').waitFor()
    await page.keyboard.press('Escape')
    await page.goto(`${suite.server.httpUrl}/`)
    await page.getByTestId('signed-in-user').waitFor()

    expect(await violations()).toEqual([])
    await context.close()
  }, 90_000)
})
