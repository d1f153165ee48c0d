import { join } from 'node:path'
import type { Convention, FicheActionBlock, Role, SignatoryBlockBlock } from '@ctg/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, type Person } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { probeSockets, readProbe } from '../helpers/socketProbe.js'

const suite = browserSuite()

const PAUL: Person = { id: 'u-paul', name: 'Paul Girard' }
const TITLE = 'Convention Territoriale Globale — essai'

/** The controls of the blocks that change the document: disabled for a commentateur. */
const INPUTS = [
  'fiche-status',
  'fiche-theme',
  'fiche-start-year',
  'fiche-end-year',
  'key-action-status',
  'key-action-deadline',
  'indicator-kind',
  'indicator-baseline-year',
  'signatory-kind',
  'signatory-civility',
  'signatory-mandate-date',
  'signatory-signature-date',
  'signatory-signed',
]
/** The blocks' add and remove buttons: absent for a commentateur. */
const BUTTONS = [
  'block-delete',
  'add-key-action',
  'remove-key-action',
  'add-partner',
  'remove-list-item',
  'add-indicator-row',
  'remove-indicator-row',
  'add-indicator-year-end',
  'add-signatory',
  'remove-signatory',
]

/** A signed-in page of `person` with `role`, its sockets watched from before the client starts. */
async function openProbedPage(id: string, person: Person, role: Role): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
  await probeSockets(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${person.name}] page error:`, error))
  await page.goto(`${suite.server.httpUrl}/c/${id}#jeton=${await suite.server.memberToken(id, person, role)}`)
  await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
  return page
}

async function exported(id: string): Promise<Convention> {
  return (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
}

function summary(convention: Convention) {
  const fiche = convention.content.find((block) => block.type === 'ficheAction') as FicheActionBlock
  const signatories = convention.content.find((block) => block.type === 'signatoryBlock') as SignatoryBlockBlock
  return {
    title: convention.title,
    status: fiche.status,
    theme: fiche.theme?.codes[0] ?? null,
    keyAction: fiche.keyActions[0]!.status,
    schedule: fiche.schedule,
    signed: signatories.signatories[0]!.signed,
    civility: signatories.signatories[0]!.civility,
  }
}

/** Changes a control as a script would (enabled first), and measures how long until it shows `expected` again. */
async function forceChange(page: Page, testId: string, value: string | boolean, expected: string | boolean) {
  const control = page.getByTestId(testId).first()
  const startedAt = Date.now()
  await control.evaluate((element, forced) => {
    const input = element as HTMLInputElement | HTMLSelectElement
    input.disabled = false
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = forced as boolean
    else input.value = String(forced)
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }, value)
  const shown = () =>
    control.evaluate((element) =>
      element instanceof HTMLInputElement && element.type === 'checkbox'
        ? element.checked
        : (element as HTMLInputElement).value,
    )
  await expect.poll(shown, { timeout: 2_000, interval: 20 }).toBe(expected)
  return Date.now() - startedAt
}

describe('read-only controls', () => {
  it('a commentateur’s selects and inputs are disabled, the add and remove buttons absent, a forced change shown back and never sent', async () => {
    const id = await createConvention(suite.server)
    const before = summary(await exported(id))
    const paul = await openProbedPage(id, PAUL, 'commenter')
    await expect.poll(() => paul.getByTestId('read-only-badge').textContent()).toContain('Commentateur')

    for (const testId of INPUTS) {
      expect(await paul.getByTestId(testId).first().isDisabled(), testId).toBe(true)
    }
    for (const testId of BUTTONS) {
      expect(await paul.getByTestId(testId).first().isVisible(), testId).toBe(false)
    }
    // display controls stay
    expect(await paul.getByTestId('export-menu').isEnabled()).toBe(true)
    expect(await paul.getByTestId('share').isEnabled()).toBe(true)
    await paul.screenshot({ path: join(OUTPUT, 'read-only-controls.png') })
    await paul.locator('.signatory').first().scrollIntoViewIfNeeded()
    await paul.screenshot({ path: join(OUTPUT, 'read-only-controls-signatories.png') })

    // a script changes the controls anyway: each shows the document's value again, at once
    const took = [
      await forceChange(paul, 'fiche-status', 'abandonnee', 'en_cours'),
      await forceChange(paul, 'fiche-theme', 'acces_aux_droits', 'petite_enfance'),
      await forceChange(paul, 'key-action-status', 'realisee', 'en_cours'),
      await forceChange(paul, 'fiche-start-year', '2030', '2026'),
      await forceChange(paul, 'signatory-civility', 'monsieur', 'madame'),
      await forceChange(paul, 'signatory-signed', true, false),
    ]
    console.log(`forced changes shown back after ${took.join(', ')} ms`)
    expect(Math.max(...took)).toBeLessThan(2_000)
    // and the title, outside the blocks
    await paul.getByTestId('convention-title').evaluate((element) => {
      const input = element as HTMLInputElement
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(
        input,
        'Titre changé par un script',
      )
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await expect.poll(() => paul.getByTestId('convention-title').inputValue(), { timeout: 2_000 }).toBe(TITLE)
    // controls still disabled, nothing rolled back: nothing was ever changed
    expect(await paul.getByTestId('fiche-status').first().isDisabled()).toBe(true)
    expect(await paul.getByTestId('rolled-back').count()).toBe(0)
    await paul.screenshot({ path: join(OUTPUT, 'read-only-forced-change.png') })

    // nothing reached the server: no update went out, the document is unchanged
    const probe = await readProbe(paul)
    expect(probe.updatesSent).toBe(0)
    expect(probe.closes).toEqual([])
    expect(summary(await exported(id))).toEqual(before)
    await paul.context().close()
  }, 90_000)

  it('the controls follow a role change at once: enabled for a rédacteur, disabled again for a lecteur', async () => {
    const id = await createConvention(suite.server)
    const paul = await openProbedPage(id, PAUL, 'commenter')
    expect(await paul.getByTestId('fiche-status').first().isDisabled()).toBe(true)
    // an owner changes the role through the API: the server tells the open editor at once
    const setRole = (role: Role) =>
      suite.server.api(`/api/conventions/${id}/members/${PAUL.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ role }),
      })
    expect((await setRole('editor')).status).toBe(200)
    await expect.poll(() => paul.getByTestId('fiche-status').first().isDisabled(), { timeout: 5_000 }).toBe(false)
    await expect.poll(() => paul.getByTestId('block-delete').first().isVisible()).toBe(true)
    await paul.getByTestId('fiche-status').first().selectOption('realisee')
    await expect.poll(async () => summary(await exported(id)).status, { timeout: 30_000 }).toBe('realisee')

    // the indicators table down to one year: its own rule disables removing another one
    await paul.getByTestId('remove-indicator-year-end').click()
    await paul.getByTestId('confirm-accept').click()
    // stored before the role changes: an edit still on its way then would be refused, and rolled back
    await expect
      .poll(
        async () => {
          const table = (await exported(id)).content.find((block) => block.type === 'indicatorTable') as {
            period: { start: number; end: number }
          }
          return table.period.end - table.period.start
        },
        { timeout: 30_000 },
      )
      .toBe(0)
    await expect.poll(() => paul.getByTestId('remove-indicator-year-start').isDisabled()).toBe(true)
    await expect.poll(() => paul.getByTestId('add-indicator-year-end').isDisabled()).toBe(false)

    expect((await setRole('reader')).status).toBe(200)
    await expect.poll(() => paul.getByTestId('fiche-status').first().isDisabled(), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => paul.getByTestId('block-delete').first().isVisible()).toBe(false)
    await expect.poll(() => paul.getByTestId('add-indicator-year-end').isDisabled()).toBe(true)
    await forceChange(paul, 'fiche-status', 'abandonnee', 'realisee')
    expect(summary(await exported(id)).status).toBe('realisee')

    // rédacteur again: what read-only disabled comes back, what the table's rule disables stays so
    expect((await setRole('editor')).status).toBe(200)
    await expect.poll(() => paul.getByTestId('add-indicator-year-end').isDisabled(), { timeout: 5_000 }).toBe(false)
    await expect.poll(() => paul.getByTestId('remove-indicator-year-start').isDisabled()).toBe(true)
    await expect.poll(() => paul.getByTestId('fiche-status').first().isDisabled()).toBe(false)
    await paul.context().close()
  }, 90_000)

  it('edits typed offline by someone demoted meanwhile are refused, rolled back, and never sent again after a promotion', async () => {
    const id = await createConvention(suite.server)
    const paul = await openProbedPage(id, PAUL, 'editor')
    await expect.poll(() => paul.getByTestId('connection-status').getAttribute('data-status')).toBe('connected')
    const before = await exportedObjective(suite.server, id)

    await paul.context().setOffline(true)
    await expect.poll(() => paul.getByTestId('connection-status').getAttribute('data-status')).toBe('disconnected')
    await objective(paul).click()
    await paul.keyboard.press('End')
    await paul.keyboard.type(' Écrit hors ligne.')
    // meanwhile an owner makes him lecteur
    const setRole = (role: Role) =>
      suite.server.api(`/api/conventions/${id}/members/${PAUL.id}`, { method: 'PATCH', body: JSON.stringify({ role }) })
    expect((await setRole('reader')).status).toBe(200)

    // back online: the server refuses his sync answer, the page drops it and shows the server's document
    await paul.context().setOffline(false)
    await paul.getByTestId('rolled-back').waitFor({ timeout: 20_000 })
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await expect.poll(() => objective(paul).textContent(), { timeout: 30_000 }).toBe(before)
    expect(await paul.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')
    expect(await paul.getByTestId('read-only-badge').textContent()).not.toContain('Rédacteur')
    await paul.screenshot({ path: join(OUTPUT, 'read-only-offline-edits-rolled-back.png') })
    expect(await exportedObjective(suite.server, id)).toBe(before)

    // rédacteur again, the page reloaded: what he typed offline is gone from this device too
    expect((await setRole('editor')).status).toBe(200)
    await paul.reload()
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await expect
      .poll(() => paul.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 30_000 })
      .toBe('true')
    await objective(paul).click()
    await paul.keyboard.press('End')
    await paul.keyboard.type(' Paul reprend.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('Paul reprend.')
    expect(await exportedObjective(suite.server, id)).not.toContain('hors ligne')
    await paul.context().close()
  }, 120_000)

  it('a change the server refuses is rolled back, and never sent again from this device’s copy after a promotion', async () => {
    const id = await createConvention(suite.server)
    const paul = await openProbedPage(id, PAUL, 'commenter')
    await expect.poll(() => paul.getByTestId('read-only-badge').textContent()).toContain('Commentateur')

    // a script writes into the shared document itself, past the editor
    await paul.evaluate(() => {
      type WithEditor = Element & {
        editor: { extensionManager: { extensions: { name: string; options: Record<string, unknown> }[] } }
      }
      const editor = (document.querySelector('.ProseMirror') as WithEditor).editor
      const collaboration = editor.extensionManager.extensions.find((extension) => extension.name === 'collaboration')!
      const ydoc = collaboration.options.document as {
        getMap(name: string): { set(key: string, value: unknown): void }
      }
      ydoc.getMap('meta').set('title', 'Titre piraté')
    })
    // undone on this screen: the document is opened again from the server, and the page says why
    await paul.getByTestId('rolled-back').waitFor({ timeout: 5_000 })
    await expect.poll(() => paul.getByTestId('convention-title').inputValue(), { timeout: 5_000 }).toBe(TITLE)
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await paul.screenshot({ path: join(OUTPUT, 'read-only-rolled-back.png') })
    expect((await exported(id)).title).toBe(TITLE)

    // Paul becomes rédacteur and opens the convention again on the same device: his copy
    // no longer holds the refused change, so it never reaches the server
    await suite.server.memberToken(id, PAUL, 'editor')
    await paul.reload()
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await expect
      .poll(() => paul.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 30_000 })
      .toBe('true')
    await objective(paul).click()
    await paul.keyboard.press('End')
    await paul.keyboard.type(' Paul complète.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('Paul complète.')
    expect((await exported(id)).title).toBe(TITLE)
    expect(await paul.getByTestId('convention-title').inputValue()).toBe(TITLE)
    await paul.context().close()
  }, 90_000)
})
