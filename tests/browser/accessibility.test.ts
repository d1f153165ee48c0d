import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { createInvitationLink } from '@ctg/server'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }

async function newPage(): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error))
  return page
}

/** The owner's editor on a convention holding two fiches, two tables and two signatory blocks. */
async function ownerEditor(): Promise<{ page: Page; id: string }> {
  const id = await createConvention(suite.server, twoOfEachKindConvention())
  const page = await openConventionPage(suite, id, OWNER, 'owner')
  await expect.poll(() => page.locator('.signatory-block').count(), { timeout: 20_000 }).toBe(2)
  await page.getByTestId('presence-user').first().waitFor()
  return { page, id }
}

/** The levels of the page's headings, in document order, as assistive technologies read them. */
const headingLevels = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')).map((h) =>
      Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)),
    ),
  )

/**
 * axe-core 4.14 (default rules and best practices, no tag filter) on every screen and
 * dialog: zero violations of any impact. A new screen or dialog gets its case here.
 */
describe('accessibility (axe-core, RGAA / WCAG 2.1 AA)', () => {
  it('the sign-in page', async () => {
    const page = await newPage()
    await page.goto(`${suite.server.httpUrl}/connexion`)
    await page.getByTestId('sign-in').waitFor()
    await expectNoAxeViolations(page, 'the sign-in page')
    await page.context().close()
  })

  it('an invitation to a convention, and the first-start invitation, which asks for a name', async () => {
    const id = await createConvention(suite.server)
    const shared = await suite.server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'Élodie Roux',
        email: 'elodie.roux@epci.example.fr',
        organisationKind: 'epci',
        role: 'editor',
      }),
    })
    const { link } = (await shared.json()) as { link: string }
    const page = await newPage()
    await page.goto(link)
    await page.getByTestId('invitation-summary').waitFor()
    expect(await page.getByTestId('invitation-name').inputValue()).toBe('Élodie Roux')
    await expectNoAxeViolations(page, 'the invitation page')

    // the first start: the placeholder owner's name is not proposed as the administrator's
    await suite.server.ctg.store.members.rememberUser({ id: 'local-owner', name: 'Administrateur local' })
    const setup = await createInvitationLink(suite.server.ctg.store.accounts, suite.server.httpUrl, {
      userId: 'local-owner',
      conventionId: null,
      role: null,
      invitedBy: null,
    })
    await page.goto(setup)
    await page.getByTestId('invitation-summary').waitFor()
    expect(await page.getByTestId('invitation-name').inputValue()).toBe('')
    await page.screenshot({ path: join(OUTPUT, 'first-start.png'), fullPage: true })
    await expectNoAxeViolations(page, 'the first-start invitation page')
    await page.context().close()
  }, 120_000)

  it('the list of conventions and the new convention dialog', async () => {
    await createConvention(suite.server)
    const page = await newPage()
    await page.goto(`${suite.server.httpUrl}/#jeton=${await suite.server.token(OWNER)}`)
    await page.getByTestId('convention-card').first().waitFor()
    await expectNoAxeViolations(page, 'the list')

    await page.getByTestId('new-convention').click()
    await page.getByTestId('new-convention-dialog').waitFor()
    await expectNoAxeViolations(page, 'the new convention dialog')
    await page.context().close()
  }, 120_000)

  it('the editor holding two blocks of each kind, its headings following the document’s, and its confirmation dialog', async () => {
    const { page } = await ownerEditor()
    await page.screenshot({ path: join(OUTPUT, 'a11y-editor-two-of-each.png') })
    await expectNoAxeViolations(page, 'the editor')
    // the page's title (h1), the document's h1, then blocks one level below the heading before them
    const fiche = page.locator('.fiche-action__kicker').first()
    expect(await fiche.getAttribute('aria-level')).toBe('2')
    const levels = await headingLevels(page)
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1))

    // "Plan d'actions" becomes a level 2 heading: the fiche under it becomes a level 3 one
    await page.locator('.convention-document > h1').first().click()
    await page.getByTestId('format-heading-2').click()
    await expect.poll(() => fiche.getAttribute('aria-level')).toBe('3')
    await expectNoAxeViolations(page, 'the editor after a heading changed level')

    await page.getByTestId('block-delete').first().click()
    await page.getByTestId('confirm-dialog').waitFor()
    await expectNoAxeViolations(page, 'the confirmation dialog', '[data-testid="confirm-dialog"]')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0)
    await page.context().close()
  }, 180_000)

  it('the share dialog, before and after an invitation', async () => {
    const { page } = await ownerEditor()
    await page.getByTestId('share').click()
    const dialog = page.getByTestId('share-dialog')
    await dialog.getByTestId('share-name').waitFor()
    await expectNoAxeViolations(page, 'the share dialog', '[data-testid="share-dialog"]')

    await dialog.getByTestId('share-name').fill('Élodie Roux')
    await dialog.getByTestId('share-email').fill('elodie.roux@epci.example.fr')
    await dialog.getByTestId('share-organisation-kind').selectOption('epci')
    await dialog.getByTestId('share-role-editor').check()
    await dialog.getByTestId('share-submit').click()
    await dialog.getByTestId('share-link').waitFor()
    await expectNoAxeViolations(page, 'the share dialog with an invitation link', '[data-testid="share-dialog"]')
    await page.context().close()
  }, 180_000)

  it('the activity log, whose list scrolls and takes the keyboard focus', async () => {
    const { page, id } = await ownerEditor()
    // enough entries to scroll: a member whose role changes back and forth
    const api = (path: string, init: RequestInit) => suite.server.api(`/api/conventions/${id}${path}`, init)
    const shared = await api('/members', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Paul Girard',
        email: 'paul.girard@seyne.example.fr',
        organisationKind: 'commune',
        role: 'reader',
      }),
    })
    const paul = ((await shared.json()) as { member: { id: string } }).member.id
    for (let i = 0; i < 20; i++) {
      const role = i % 2 === 0 ? 'commenter' : 'reader'
      expect((await api(`/members/${paul}`, { method: 'PATCH', body: JSON.stringify({ role }) })).status).toBe(200)
    }
    await page.getByTestId('activity-open').click()
    await expect.poll(() => page.getByTestId('activity-entry').count()).toBeGreaterThan(20)
    const body = page.locator('[data-testid="activity-log"] .modal__body')
    await expect.poll(() => body.getAttribute('tabindex')).toBe('0')
    expect(await body.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true)
    await expectNoAxeViolations(page, 'the activity log')
    await page.context().close()
  }, 180_000)

  it('the bin, its move-to-bin confirmation, and an editor whose convention was binned', async () => {
    const binned = await createConvention(suite.server)
    expect((await suite.server.api(`/api/conventions/${binned}`, { method: 'DELETE' })).status).toBe(204)
    const page = await newPage()
    await page.goto(`${suite.server.httpUrl}/corbeille#jeton=${await suite.server.token(OWNER)}`)
    await page.getByTestId('bin-card').first().waitFor({ timeout: 20_000 })
    await expectNoAxeViolations(page, 'the bin')

    const { page: editor, id } = await ownerEditor()
    const member = await openConventionPage(suite, id, { id: 'u-paul', name: 'Paul Girard' }, 'editor')
    await editor.getByTestId('move-to-bin').click()
    await editor.getByTestId('confirm-dialog').waitFor()
    await expectNoAxeViolations(editor, 'the move-to-bin confirmation', '[data-testid="confirm-dialog"]')
    await editor.getByTestId('confirm-accept').click()
    // the owner is taken to the bin, which now holds it
    await editor.locator(`[data-testid="bin-card"][data-convention-id="${id}"]`).waitFor({ timeout: 20_000 })
    await expectNoAxeViolations(editor, 'the bin after moving a convention there')
    // a member's open editor says who put it in the bin
    await member.getByTestId('convention-deleted').waitFor({ timeout: 20_000 })
    await expectNoAxeViolations(member, 'the editor of a binned convention')
    expect((await suite.server.api(`/api/conventions/${id}`)).status).toBe(410)
    for (const each of [page, editor, member]) await each.context().close()
  }, 180_000)

  it('the comments panel with a thread, and the new comment form', async () => {
    const { page, id } = await ownerEditor()
    const fiche = await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()
    const ficheId = (fiche as { content: { type: string; id: string }[] }).content.find(
      (block) => block.type === 'ficheAction',
    )!.id
    const created = await suite.server.api(`/api/conventions/${id}/threads`, {
      method: 'POST',
      body: JSON.stringify({ anchor: { blockId: ficheId }, body: 'Préciser le public visé.' }),
    })
    expect(created.status).toBe(201)
    await page.getByTestId('comments-toggle').click()
    await page.getByTestId('comments-panel').waitFor()
    await page.getByTestId('thread-card').first().waitFor()
    await expectNoAxeViolations(page, 'the comments panel')
    await page.getByTestId('comment-block').first().click()
    await expect.poll(() => page.locator('textarea').count()).toBeGreaterThan(0)
    await expectNoAxeViolations(page, 'the new comment form', '[data-testid="comments-panel"]')
    await page.context().close()
  }, 180_000)
})

describe('the blocks with the keyboard alone', () => {
  it('inserts, fills, adds an entry to and deletes each kind of block, with a visible focus', async () => {
    const { page, id } = await ownerEditor()
    const active = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.className)
    const focusRing = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!)
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      })
    const tabTo = async (testId: string, backwards = false) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
        if ((await active()) === testId) return
      }
      throw new Error(`${testId} not reached with ${backwards ? 'Shift+Tab' : 'Tab'}`)
    }
    type Block = { type: string; id: string }
    const blocks = async (type: string) =>
      (
        (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as { content: Block[] }
      ).content.filter((b) => b.type === type)

    // the caret at the end of the document, from the keyboard
    await page.locator('.convention-document').focus()
    await page.keyboard.press('Control+End')

    const kinds = [
      { insert: 'fiche', type: 'ficheAction', add: 'add-key-action' },
      { insert: 'tableau', type: 'indicatorTable', add: 'add-indicator-row' },
      { insert: 'signataires', type: 'signatoryBlock', add: 'add-signatory' },
    ]
    for (const kind of kinds) {
      const before = (await blocks(kind.type)).length
      // insert with the "/" menu; the caret lands in the block's first field
      await page.keyboard.press('Enter')
      await page.keyboard.type(`/${kind.insert}`)
      await page.getByTestId('slash-menu').waitFor()
      if (kind.type === 'ficheAction') await expectNoAxeViolations(page, 'the "/" menu', '[data-testid="slash-menu"]')
      await page.keyboard.press('Enter')
      await page.keyboard.type(`Saisi au clavier`)
      await expect.poll(async () => (await blocks(kind.type)).length, { timeout: 30_000 }).toBe(before + 1)
      const inserted = (await blocks(kind.type)).at(-1)!.id
      const last = async () => JSON.stringify((await blocks(kind.type)).find((b) => b.id === inserted))
      await expect.poll(last, { timeout: 30_000 }).toContain('Saisi au clavier')

      // Tab goes from the caret to this block's controls (not to the first fiche's); Escape comes back
      await tabTo(kind.add)
      expect(await focusRing()).toBe(true)
      await page.screenshot({ path: join(OUTPUT, `keyboard-${kind.type}-focus.png`) })
      await page.keyboard.press('Escape')
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
      // the block's own "add" button, then the new entry is filled
      await tabTo(kind.add)
      await page.keyboard.press('Enter')
      await page.keyboard.type('Entrée ajoutée au clavier')
      await expect.poll(last, { timeout: 30_000 }).toContain('Entrée ajoutée au clavier')

      if (kind.type === 'ficheAction') {
        // back to the fiche's "Supprimer" with Shift+Tab, Enter, then confirm with the keyboard
        await tabTo('block-delete', true)
        expect(await focusRing()).toBe(true)
        await page.keyboard.press('Enter')
        await page.getByTestId('confirm-dialog').waitFor()
        await tabTo('confirm-accept')
        expect(await focusRing()).toBe(true)
        await page.keyboard.press('Enter')
        await expect.poll(async () => (await blocks(kind.type)).length, { timeout: 30_000 }).toBe(before)
        await page.locator('.convention-document').focus()
      }
      // Moving a block with the keyboard ("Monter" / "Descendre" in its header) is added here with those controls.
      await page.keyboard.press('Control+End')
    }
    await page.context().close()
  }, 240_000)
})
