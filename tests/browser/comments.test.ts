import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }

/** Selects the characters [start, end) of the first text node of `target`, as a mouse drag would. */
async function selectText(page: Page, target: ReturnType<typeof objective>, start: number, end: number) {
  await target.evaluate(
    (element, [from, to]) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const text = walker.nextNode()!
      const range = document.createRange()
      range.setStart(text, from!)
      range.setEnd(text, to!)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    },
    [start, end],
  )
}

const card = (page: Page) => page.getByTestId('thread-card')

describe('comments', () => {
  it('a commentateur comments a passage of a fiche; the owner sees it live, replies and resolves; the commentateur sees both', async () => {
    const id = await createConvention(suite.server)

    // Paul, of the Commune de Seyne, is commentateur: his editor is read-only
    const shared = await suite.server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'Paul Girard',
        email: 'paul.girard@seyne.example.fr',
        organisationKind: 'commune',
        organisationName: 'Commune de Seyne',
        role: 'commenter',
      }),
    })
    expect(shared.status).toBe(201)
    const token = await acceptInvitation(((await shared.json()) as { link: string }).link, { name: 'Paul Girard' })
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    const paul = await context.newPage()
    paul.on('pageerror', (error) => console.error('[Paul] page error:', error))
    await paul.goto(`${suite.server.httpUrl}/c/${id}#jeton=${token}`)
    await paul.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await expect.poll(() => paul.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')

    const owner = await openConventionPage(suite, id, OWNER, 'owner')
    expect(await owner.getByTestId('comments-open-count').count()).toBe(0)

    // Paul selects the first words of the fiche's objective and comments them
    const text = (await objective(paul).textContent())!
    const quote = text.slice(0, text.indexOf(' ', 20))
    await selectText(paul, objective(paul), 0, quote.length)
    await paul.getByTestId('comment-selection').click()
    const draft = paul.getByTestId('new-thread')
    await expect.poll(() => draft.textContent()).toContain(quote)
    expect(await draft.textContent()).toContain('Fiche action n°1')
    await draft
      .getByRole('textbox', { name: 'Votre commentaire' })
      .fill('Préciser « chaque habitant » :\nquelles communes ?')
    await draft.getByRole('button', { name: 'Commenter' }).click()
    await expect.poll(() => card(paul).count(), { timeout: 30_000 }).toBe(1)
    // the server marks the passage in the shared document: it is highlighted for Paul too
    await expect.poll(() => paul.locator('.comment-highlight').first().textContent(), { timeout: 30_000 }).toBe(quote)

    // the owner sees the highlight and the counters appear without a reload
    await expect.poll(() => owner.locator('.comment-highlight').first().textContent(), { timeout: 30_000 }).toBe(quote)
    await expect.poll(() => owner.getByTestId('comments-open-count').textContent()).toContain('1')
    const ficheCount = owner.locator('.fiche-action__header').first().getByTestId('comment-count')
    await expect.poll(() => ficheCount.isVisible()).toBe(true)
    expect(await ficheCount.textContent()).toBe('1')

    // a click on the highlighted passage opens its thread
    await owner.locator('.comment-highlight').first().click()
    const ownerCard = card(owner).first()
    await expect.poll(() => ownerCard.getAttribute('aria-current')).toBe('true')
    // the organisation comes with the members list, which may arrive after the threads
    await expect.poll(() => ownerCard.textContent()).toContain('Commune de Seyne')
    const cardText = await ownerCard.textContent()
    expect(cardText).toContain('Fiche action n°1')
    expect(cardText).toContain(quote)
    expect(cardText).toContain('Paul Girard')
    expect(cardText).toContain('Commune de Seyne')
    // line breaks kept, markup shown as text
    expect(await ownerCard.getByTestId('thread-message-body').first().innerText()).toBe(
      'Préciser « chaque habitant » :\nquelles communes ?',
    )

    // the owner replies; Paul sees the reply live
    await ownerCard.getByRole('textbox', { name: /Répondre/ }).fill('Les 34 communes, <b>montagne</b> comprise.')
    await ownerCard.getByRole('button', { name: 'Répondre' }).click()
    await expect.poll(() => ownerCard.getByTestId('thread-message').count()).toBe(2)
    const paulCard = card(paul).first()
    await expect.poll(() => paulCard.getByTestId('thread-message').count(), { timeout: 30_000 }).toBe(2)
    expect(await paulCard.getByTestId('thread-message-body').nth(1).textContent()).toBe(
      'Les 34 communes, <b>montagne</b> comprise.',
    )
    expect(await paul.locator('.comments-panel b').count()).toBe(0)
    await owner.screenshot({ path: join(OUTPUT, 'comments-panel-1440.png') })

    // the owner resolves; Paul sees the resolution live: the thread leaves the open ones
    await ownerCard.getByTestId('thread-resolve').click()
    await expect
      .poll(() => paul.getByTestId('comments-filter-resolved').textContent(), { timeout: 30_000 })
      .toContain('1')
    await expect.poll(() => card(paul).count()).toBe(0)
    await expect.poll(() => paul.locator('.comment-highlight').count()).toBe(0)
    await paul.getByTestId('comments-filter-resolved').click()
    await expect.poll(() => card(paul).first().getAttribute('data-status')).toBe('resolved')
    expect(await card(paul).first().textContent()).toContain('Résolu')
    expect(await paul.getByTestId('comments-open-count').count()).toBe(0)
    await paul.screenshot({ path: join(OUTPUT, 'comments-commentateur-resolved.png') })

    // a projector: 1920 × 1080, large display, the panel beside the document
    await owner.getByTestId('comments-filter-resolved').click()
    await owner.setViewportSize({ width: 1920, height: 1080 })
    await owner.getByTestId('large-display').click()
    await owner.getByTestId('thread-locate').first().click()
    // the thread shown in the panel is shown in the document too, even resolved
    await expect.poll(() => owner.locator('.comment-highlight.is-selected').textContent()).toBe(quote)
    await owner.screenshot({ path: join(OUTPUT, 'comments-projector-1920.png') })

    // a phone: the panel covers the page and closes with its button
    await paul.setViewportSize({ width: 390, height: 844 })
    await paul.screenshot({ path: join(OUTPUT, 'comments-panel-390.png') })
    await paul.getByRole('button', { name: 'Fermer les commentaires' }).click()
    await expect.poll(() => paul.getByTestId('comments-panel').count()).toBe(0)
    await context.close()
  }, 180_000)

  it('comments on a key action with its button; edit, moderation, detached when the key action is removed; a lecteur only reads', async () => {
    const id = await createConvention(suite.server)
    const owner = await openConventionPage(suite, id, OWNER, 'owner')
    const paul = await openConventionPage(suite, id, { id: 'u-paul', name: 'Paul Girard' }, 'commenter')
    const lea = await openConventionPage(suite, id, { id: 'u-lea', name: 'Léa Martin' }, 'reader')

    // Paul comments the whole key action 1.1 with its own button
    await paul.locator('.key-action').first().getByRole('button', { name: 'Commenter l’action clé' }).click()
    const draft = paul.getByTestId('new-thread')
    await expect.poll(() => draft.textContent()).toContain('Action clé 1.1')
    await draft.getByRole('textbox', { name: 'Votre commentaire' }).fill('Échéance trop proche.')
    await draft.getByRole('button', { name: 'Commenter' }).click()
    await expect.poll(() => card(paul).count(), { timeout: 30_000 }).toBe(1)
    expect(await card(paul).first().textContent()).toContain('Action clé 1.1')

    // the owner sees the counters of the key action and of its fiche; the counter opens the thread
    const keyCount = owner.locator('.key-action').first().getByTestId('comment-count')
    await expect.poll(() => keyCount.isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await keyCount.getAttribute('aria-label')).toBe('1 commentaire ouvert sur l’action clé')
    expect(await owner.locator('.fiche-action__header').first().getByTestId('comment-count').textContent()).toBe('1')
    await keyCount.click()
    await expect.poll(() => card(owner).first().getAttribute('aria-current')).toBe('true')
    await expect.poll(() => owner.locator('.key-action.is-comment-target').count()).toBe(1)

    // Paul edits his message; the owner sees the new text
    await card(paul).first().getByTestId('message-edit').click()
    const editForm = card(paul).first().getByTestId('message-edit-form')
    await editForm.getByRole('textbox').fill('Échéance 2026 trop proche : 2027 ?')
    await editForm.getByRole('button', { name: 'Enregistrer' }).click()
    await expect
      .poll(() => card(owner).first().getByTestId('thread-message-body').first().textContent(), { timeout: 30_000 })
      .toBe('Échéance 2026 trop proche : 2027 ?')
    expect(await card(owner).first().textContent()).toContain('(modifié)')

    // the owner deletes Paul's message (moderation): "message supprimé" for everyone
    await card(owner).first().getByTestId('message-delete').click()
    await owner.getByTestId('confirm-dialog').getByRole('button', { name: 'Supprimer le message' }).click()
    await expect
      .poll(() => card(paul).first().locator('.thread-message__body--deleted').textContent(), { timeout: 30_000 })
      .toBe('message supprimé')

    // the owner removes the key action: the thread is kept, detached, with what it was about
    await owner.locator('.key-action').first().getByTestId('remove-key-action').click()
    await owner.getByTestId('confirm-dialog').getByTestId('confirm-accept').click()
    await expect.poll(() => card(paul).first().textContent(), { timeout: 15_000 }).toContain('Détaché')
    const detached = await card(paul).first().textContent()
    expect(detached).toContain('Élément supprimé du document')
    expect(detached).toContain('1.1')
    await paul.screenshot({ path: join(OUTPUT, 'comments-detached.png') })
    await expect
      .poll(() => owner.locator('.fiche-action__header').first().getByTestId('comment-count').isVisible())
      .toBe(false)

    // Léa, lecteur, reads the thread but has nothing to write with
    await lea.getByTestId('comments-toggle').click()
    await expect.poll(() => card(lea).count(), { timeout: 30_000 }).toBe(1)
    expect(await lea.getByTestId('comments-read-only').isVisible()).toBe(true)
    expect(await card(lea).first().getByRole('textbox').count()).toBe(0)
    expect(await card(lea).first().getByTestId('thread-resolve').count()).toBe(0)
    expect(await lea.locator('.comment-button:visible').count()).toBe(0)
    expect(await lea.getByTestId('comment-selection').count()).toBe(0)
    // Escape closes the panel and gives the focus back to its button
    await lea.getByTestId('comments-filter-open').focus()
    await lea.keyboard.press('Escape')
    await expect.poll(() => lea.getByTestId('comments-panel').count()).toBe(0)
    await expect
      .poll(() => lea.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('comments-toggle')
  }, 180_000)
})
