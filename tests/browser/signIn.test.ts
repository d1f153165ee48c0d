import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective } from '../helpers/conventionPage.js'
import { createAccount } from '../helpers/createAccount.js'
import { createConvention } from '../helpers/createConvention.js'
import { readableByScripts, sessionCookieOf } from '../helpers/sessionCookie.js'

const suite = browserSuite()

describe('signing in and out', () => {
  it('signs in with e-mail and password, back to the page asked for; signing out ends the token and clears the offline copies', async () => {
    const id = await createConvention(suite.server)
    const camille = await createAccount(suite.server, id, {
      name: 'Camille Martin',
      email: 'camille.martin@caf.example.fr',
      password: 'une phrase de passe assez longue',
    })
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error('page error:', error))

    // without a session, the convention's address leads to the sign-in page, which knows where to come back
    await page.goto(`${suite.server.httpUrl}/c/${id}`)
    await page.getByTestId('sign-in').waitFor()
    expect(new URL(page.url()).pathname).toBe('/connexion')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/c/${id}`)
    await page.screenshot({ path: join(OUTPUT, 'sign-in.png') })

    // a wrong password is said in French, and the password field is emptied
    await page.getByTestId('sign-in-email').fill(camille.email)
    await page.getByTestId('sign-in-password').fill('pas le bon mot de passe')
    await page.getByTestId('sign-in-submit').click()
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toBe('Adresse e-mail ou mot de passe incorrect.')
    expect(await page.getByTestId('sign-in-password').inputValue()).toBe('')
    await page.screenshot({ path: join(OUTPUT, 'sign-in-wrong-password.png') })

    await page.getByTestId('sign-in-password').fill(camille.password)
    await page.getByTestId('sign-in-submit').click()
    await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    expect(new URL(page.url()).pathname).toBe(`/c/${id}`)
    const token = await sessionCookieOf(context)
    expect((await suite.server.api('/api/me', { token })).status).toBe(200)
    // a stolen-token attempt: no script of the page can read the session
    const cookie = (await context.cookies()).find((c) => c.name === 'ctg_session')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const readable = await readableByScripts(page)
    expect(readable.cookie).not.toContain('ctg_session')
    expect(readable.storage.filter((value) => value.includes(token!))).toEqual([])

    // a second tab of the same browser, on the list
    const list = await context.newPage()
    await list.goto(`${suite.server.httpUrl}/`)
    await list.getByTestId('signed-in-user').waitFor()
    expect(await list.getByTestId('signed-in-user').textContent()).toContain('Camille Martin')

    // changes the server has not received yet: signing out warns first
    await context.setOffline(true)
    await objective(page).click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Écrit hors ligne.')
    await page.getByTestId('sign-out').click()
    const confirm = page.getByTestId('confirm-dialog')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain('n’ont pas encore été reçues par le serveur')
    await page.screenshot({ path: join(OUTPUT, 'sign-out-unsent-warning.png') })
    await confirm.getByRole('button', { name: 'Annuler' }).click()
    await context.setOffline(false)
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 15_000 }).toContain('Écrit hors ligne.')
    await expect
      .poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('saved')
    const copies = () =>
      page.evaluate(async () =>
        (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('ctg-convention:')),
      )
    expect(await copies()).not.toEqual([])

    // everything acknowledged: no question; the session ends on the server and this device forgets it
    await page.getByTestId('sign-out').click()
    await page.getByTestId('sign-in').waitFor()
    expect(await page.getByTestId('confirm-dialog').count()).toBe(0)
    expect(await page.getByTestId('sign-in-reason').textContent()).toContain('Vous êtes déconnecté')
    // the next person at this computer does not land on Camille's convention
    expect(new URL(page.url()).searchParams.get('next')).toBeNull()
    expect((await suite.server.api('/api/me', { token })).status).toBe(401)
    expect(await sessionCookieOf(context)).toBeNull()
    expect(await page.evaluate(() => [localStorage.getItem('ctg.session'), localStorage.getItem('ctg.user')])).toEqual([
      null,
      null,
    ])
    await expect.poll(copies).toEqual([])
    await page.screenshot({ path: join(OUTPUT, 'signed-out.png') })

    // the other tab leaves too, and says why
    await list.getByTestId('sign-in').waitFor({ timeout: 30_000 })
    expect(await list.getByTestId('sign-in-reason').textContent()).toContain('fermée')
    await context.close()
  }, 90_000)

  it('an editor signed out elsewhere is sent to the sign-in page when the server closes the socket (4401)', async () => {
    const id = await createConvention(suite.server)
    const paul = await createAccount(suite.server, id, {
      name: 'Paul Girard',
      email: 'paul.girard@seyne.example.fr',
      password: 'encore une phrase de passe',
    })
    const login = await suite.server.api('/api/auth/login', {
      method: 'POST',
      token: null,
      body: JSON.stringify({ email: paul.email, password: paul.password }),
    })
    const { token } = (await login.json()) as { token: string }
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const page = await context.newPage()
    await page.goto(`${suite.server.httpUrl}/c/${id}#jeton=${token}`)
    await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })

    // the same session signed out by someone else (a script, another browser given the link)
    expect((await suite.server.api('/api/auth/logout', { method: 'POST', token })).status).toBe(204)
    await page.getByTestId('sign-in').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('sign-in-reason').textContent()).toContain('Votre session a été fermée')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/c/${id}`)
    await page.screenshot({ path: join(OUTPUT, 'sign-in-session-ended.png') })
    await context.close()
  })
})
