import { join } from 'node:path'
import type { FicheActionBlock } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { smallConvention } from '../fixtures/conventionFixtures.js'

const suite = browserSuite()
/** each test drives two or three browser pages, on a machine shared with other test runs */
const SLOW = { timeout: 120_000 }

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }
const EDITOR = { id: 'u-editor-bin', name: 'Élodie Martin' }

describe('the bin', () => {
  it(
    'the owner bins a convention from its editor after confirming; a member’s open editor says so; the owner restores it from the Corbeille',
    SLOW,
    async () => {
      const id = await createConvention(suite.server)
      const title = smallConvention().title
      const owner = await openConventionPage(suite, id, OWNER, 'owner')
      const member = await openConventionPage(suite, id, EDITOR, 'editor')
      // only owners get the action
      expect(await member.getByTestId('move-to-bin').count()).toBe(0)

      // asked first; "Annuler" keeps everything as it was
      await owner.getByTestId('move-to-bin').click()
      const dialog = owner.getByTestId('confirm-dialog')
      await expect.poll(() => dialog.textContent()).toContain(`« ${title} » disparaîtra des listes`)
      await owner.screenshot({ path: join(OUTPUT, 'bin-confirm.png') })
      await dialog.getByRole('button', { name: 'Annuler' }).click()
      expect((await suite.server.api(`/api/conventions/${id}`)).status).toBe(200)

      await owner.getByTestId('move-to-bin').click()
      await owner.getByTestId('confirm-dialog').getByRole('button', { name: 'Mettre à la corbeille' }).click()

      // the owner lands in the Corbeille, where it waits with its final deletion date
      await owner.waitForURL(/\/corbeille$/)
      const card = owner.locator(`[data-testid="bin-card"][data-convention-id="${id}"]`)
      await card.waitFor()
      expect(await owner.getByRole('heading', { level: 1 }).textContent()).toBe('Corbeille')
      expect(await card.textContent()).toContain(title)
      expect(await card.textContent()).toContain('par Testeuse')
      const purge = await card.getByTestId('bin-purge').textContent()
      expect(purge).toMatch(/^Supprimée définitivement le \d{1,2} \S+ \d{4}$/)
      await owner.screenshot({ path: join(OUTPUT, 'bin-page.png') })

      // the member's open editor says who binned it instead of the document, and does not reconnect
      const notice = member.getByTestId('convention-deleted')
      await notice.waitFor({ timeout: 30_000 })
      // the socket's close says it is binned; who and when follow from the API
      await expect
        .poll(() => member.getByTestId('convention-deleted-by').textContent())
        .toMatch(/^Cette convention a été mise à la corbeille par Testeuse le /)
      expect(await notice.textContent()).toContain('Seule une personne propriétaire de la convention peut la restaurer')
      expect(await member.locator('.fiche-action').count()).toBe(0)
      expect(await member.getByTestId('share').isVisible()).toBe(false)
      await member.screenshot({ path: join(OUTPUT, 'bin-member-editor.png') })

      // reopening it gives the same message (from the API's 410), not this device's copy, and the
      // member's list has lost it
      await member.reload()
      await member.getByTestId('convention-deleted').waitFor({ timeout: 30_000 })
      await expect.poll(() => member.getByTestId('convention-deleted-by').textContent()).toContain('par Testeuse')
      expect(await member.locator('.fiche-action').count()).toBe(0)
      await member.getByRole('link', { name: 'Retour à mes conventions' }).first().click()
      await member.getByRole('heading', { name: 'Mes conventions' }).waitFor()
      await member.getByTestId('convention-list').waitFor()
      expect(await member.locator(`[data-convention-id="${id}"]`).count()).toBe(0)

      // the owner restores it: it is back for everyone, content included
      await card.getByRole('button', { name: `Restaurer « ${title} »` }).click()
      await owner.getByTestId('bin-restored').waitFor()
      expect(await owner.getByTestId('bin-restored').textContent()).toContain(`« ${title} » a été restaurée`)
      await owner.locator('[data-testid="bin-list"][data-empty="true"]').waitFor()
      await owner.screenshot({ path: join(OUTPUT, 'bin-restored.png') })

      await member.reload()
      await member.locator(`[data-convention-id="${id}"]`).waitFor({ timeout: 30_000 })
      await member.locator(`[data-convention-id="${id}"] a`).click()
      await member.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
      await owner.context().close()
      await member.context().close()
    },
  )

  it('an owner bins a convention from its card in the list; the list says where it went', SLOW, async () => {
    const id = await createConvention(suite.server)
    const other = await createConvention(suite.server)
    const owner = await openConventionPage(suite, id, OWNER, 'owner')
    await owner.getByRole('link', { name: 'Retour à mes conventions' }).click()
    const card = owner.locator(`[data-testid="convention-card"][data-convention-id="${id}"]`)
    await card.waitFor()
    await card.getByRole('button', { name: /^Mettre à la corbeille « / }).click()
    await owner.getByTestId('confirm-dialog').getByRole('button', { name: 'Mettre à la corbeille' }).click()
    await owner.getByTestId('moved-to-bin').waitFor()
    await expect.poll(() => card.count()).toBe(0)
    expect(await owner.locator(`[data-convention-id="${other}"]`).count()).toBe(1)
    await owner.screenshot({ path: join(OUTPUT, 'bin-list-notice.png') })

    await owner.getByTestId('open-bin').click()
    await owner.locator(`[data-testid="bin-card"][data-convention-id="${id}"]`).waitFor()
    await owner.setViewportSize({ width: 390, height: 844 })
    await owner.screenshot({ path: join(OUTPUT, 'bin-page-phone.png'), fullPage: true })
    await owner.context().close()
  })

  it(
    'an offline copy of a binned convention does not bring it back; its changes are kept, and sent once an owner restores it',
    SLOW,
    async () => {
      const id = await createConvention(suite.server)
      const member = await openConventionPage(suite, id, { id: 'u-offline-bin', name: 'Inès Roux' }, 'editor')
      const context = member.context()
      const poll = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 15_000 })
      await poll(() => member.getByTestId('connection-status').getAttribute('data-status')).toBe('connected')

      await context.setOffline(true)
      await poll(() => member.getByTestId('connection-status').textContent()).toBe('Hors ligne')
      const typed = ' Saisi hors ligne pendant la mise à la corbeille.'
      await objective(member).click()
      await member.keyboard.press('End')
      await member.keyboard.type(typed, { delay: 20 })
      await poll(() => member.getByTestId('save-status').textContent()).toBe(
        'Modifications conservées sur cet appareil',
      )

      expect((await suite.server.api(`/api/conventions/${id}`, { method: 'DELETE' })).status).toBe(204)
      await context.setOffline(false)
      const notice = member.getByTestId('convention-deleted')
      await notice.waitFor({ timeout: 15_000 })
      await poll(() => member.getByTestId('convention-deleted-by').textContent()).toContain('par Testeuse')
      expect(await notice.textContent()).toContain(
        'Les modifications faites sur cet appareil et pas encore enregistrées',
      )
      expect(await member.locator('.fiche-action').count()).toBe(0)
      await member.screenshot({ path: join(OUTPUT, 'bin-offline-copy.png') })
      // nothing of the copy reached the server: the convention stays in the bin, unchanged
      const stored = await suite.server.ctg.conventions.export(id)
      const fiche = stored!.content.find((block) => block.type === 'ficheAction') as FicheActionBlock
      expect(fiche.objective).not.toContain('Saisi hors ligne')
      expect((await suite.server.api(`/api/conventions/${id}`)).status).toBe(410)
      expect((await suite.server.api('/api/conventions?bin=1')).status).toBe(200)

      // restored: the next opening sends what this device kept
      expect((await suite.server.api(`/api/conventions/${id}/restore`, { method: 'POST' })).status).toBe(200)
      await member.reload()
      await member.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
      await poll(() => exportedObjective(suite.server, id)).toContain(typed.trim())
      await context.close()
    },
  )
})
