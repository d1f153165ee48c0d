import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { watchCspViolations } from '../helpers/cspViolations.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }
const PARTICIPANT_NAME = 'Camille — crèche Les Lutins'

/** Selects the characters [start, end) of the first text of `target`, as a long press and drag would. */
async function selectText(target: Locator, start: number, end: number): Promise<string> {
  return target.evaluate(
    (element, [from, to]) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const text = walker.nextNode()!
      const range = document.createRange()
      range.setStart(text, from!)
      range.setEnd(text, to!)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      return range.toString()
    },
    [start, end],
  )
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT, name), fullPage: false })

describe('plénière', () => {
  it('a phone joins with the code, supports two fiches and comments a passage; the facilitator sees both, hides the comment, projects the ranking and closes', async () => {
    const id = await createConvention(suite.server, largeConvention())

    // --- the owner opens a plénière from the editor (1440 px)
    const ownerContext = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
    // the QR code is drawn under the page's CSP too (no inline script, no eval)
    const ownerCspViolations = await watchCspViolations(ownerContext)
    const owner = await ownerContext.newPage()
    owner.on('pageerror', (error) => console.error('[owner] page error:', error))
    await owner.goto(`${suite.server.httpUrl}/c/${id}#jeton=${await suite.server.memberToken(id, OWNER, 'owner')}`)
    await owner.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
    await owner.getByTestId('plenaries-open').click()
    const dialog = owner.getByTestId('plenary-dialog')
    await dialog.getByTestId('plenary-title').fill('Atelier petite enfance — 12 mars')
    expect(await dialog.getByTestId('plenary-supports').inputValue()).toBe('3')
    await expectNoAxeViolations(owner, 'the plénière dialog', '[data-testid="plenary-dialog"]')
    await dialog.getByTestId('plenary-open-submit').click()
    const opened = dialog.getByTestId('plenary-opened')
    await opened.waitFor()
    const code = ((await opened.getByTestId('plenary-code-value').textContent()) ?? '').replace(/\s/g, '')
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/)
    const joinUrl = await opened.getByTestId('plenary-join-url').inputValue()
    expect(joinUrl).toContain(code)
    // the QR code is drawn here, as an SVG path (no image fetched)
    expect((await opened.getByTestId('plenary-qr').locator('path').getAttribute('d'))?.length).toBeGreaterThan(500)
    await shot(owner, 'plenary-open-dialog-1440.png')
    await expectNoAxeViolations(owner, 'the opened plénière', '[data-testid="plenary-dialog"]')
    await opened.getByTestId('plenary-facilitate').click()
    const facilitator = owner.getByTestId('facilitator-view')
    await facilitator.waitFor()
    expect(await facilitator.getByTestId('participant-count').textContent()).toBe('0')

    // --- a participant's phone (390×844, touch) types the code in lower case
    const phoneContext = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'fr-FR',
    })
    const cspViolations = await watchCspViolations(phoneContext)
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (error) => console.error('[phone] page error:', error))
    await phone.goto(`${suite.server.httpUrl}/pleniere`)
    await phone.getByTestId('plenary-code').fill(code.toLowerCase())
    await shot(phone, 'plenary-phone-code-390.png')
    await phone.getByTestId('plenary-code-submit').tap()
    const join = phone.getByTestId('plenary-join')
    await join.waitFor()
    expect(await join.textContent()).toContain('Atelier petite enfance — 12 mars')
    await expectNoAxeViolations(phone, 'the join page')
    await phone.getByTestId('participant-name-input').fill(PARTICIPANT_NAME)
    await shot(phone, 'plenary-phone-join-390.png')
    await phone.getByTestId('plenary-join-submit').tap()

    // the convention, read live, fiches as cards
    await phone.getByTestId('participant-view').waitFor()
    const cards = phone.locator('.live-card--fiche')
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(6)
    expect(await phone.getByTestId('participant-name').textContent()).toBe(PARTICIPANT_NAME)
    expect(await phone.getByTestId('supports-left').textContent()).toContain('Il vous reste 3 soutiens')
    // nothing sticks out sideways
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    // tap targets are large
    const supportBox = await cards.first().getByTestId('support-add').boundingBox()
    expect(supportBox!.height).toBeGreaterThanOrEqual(44)

    // the facilitator sees the participant arrive
    await expect.poll(() => facilitator.getByTestId('participant-count').textContent(), { timeout: 30_000 }).toBe('1')
    expect(await facilitator.getByTestId('participants').textContent()).toContain(PARTICIPANT_NAME)

    // --- supports two fiches
    await cards.nth(0).getByTestId('support-add').tap()
    await expect.poll(() => phone.getByTestId('supports-left').textContent()).toContain('Il vous reste 2 soutiens')
    await cards.nth(2).getByTestId('support-add').tap()
    await expect.poll(() => phone.getByTestId('supports-left').textContent()).toContain('Il vous reste 1 soutien')
    expect(await cards.nth(0).getByTestId('support-remove').count()).toBe(1)
    await shot(phone, 'plenary-phone-supported-390.png')

    // --- the writers' edits appear on the phone while it reads
    // the list of numbers opens a fiche and brings it up
    await phone.getByRole('navigation', { name: 'Aller à une fiche' }).getByRole('button', { name: /^n°1 / }).tap()
    await expect.poll(() => cards.nth(0).locator('.live-card__toggle').getAttribute('aria-expanded')).toBe('true')
    const phoneObjective = cards.nth(0).locator('.live-field').first().locator('[data-ytext]').first()
    await phoneObjective.waitFor()
    const writer = await openConventionPage(suite, id, { id: 'u-writer', name: 'Rédactrice' }, 'editor')
    await objective(writer).click()
    await writer.keyboard.press('End')
    await writer.keyboard.type(' Ajout en direct')
    // from the last keystroke to the phone's screen: "within a second", here on a loaded machine
    const typedAt = Date.now()
    await writer.keyboard.type('.')
    await expect
      .poll(() => phoneObjective.textContent(), { timeout: 5_000, interval: 20 })
      .toContain('Ajout en direct.')
    console.log(`writer's keystroke on the phone after ${Date.now() - typedAt} ms`)
    await cards.nth(0).evaluate((card) => card.scrollIntoView({ block: 'start' }))
    await shot(phone, 'plenary-phone-fiche-390.png')

    // --- comments on a passage of the first fiche's objective
    const quote = await selectText(phoneObjective, 0, 24)
    const commentButton = phone.getByTestId('comment-passage')
    await commentButton.waitFor()
    await commentButton.tap()
    const sheet = phone.getByTestId('plenary-comment-sheet')
    await sheet.waitFor()
    expect(await sheet.textContent()).toContain(quote)
    await sheet.getByTestId('plenary-comment-body').fill('Et les familles des hameaux ?\n<b>Transport</b> à prévoir.')
    await shot(phone, 'plenary-phone-comment-390.png')
    await expectNoAxeViolations(phone, 'the comment form', '[data-testid="plenary-comment-sheet"]')
    await sheet.getByTestId('plenary-comment-send').tap()
    await phone.getByTestId('comment-sent').waitFor()
    await expect.poll(() => phone.getByTestId('my-comment').count()).toBe(1)
    await phone.evaluate(() => window.scrollTo(0, 0))
    await shot(phone, 'plenary-phone-reading-390.png')
    await expectNoAxeViolations(phone, 'the participant view')

    // the server wrote the anchor: the writers see the passage highlighted
    await expect.poll(() => writer.locator('.comment-highlight').first().textContent(), { timeout: 30_000 }).toBe(quote)

    // --- the facilitator sees the comment and the supports arrive
    const comment = facilitator.getByTestId('plenary-comment')
    await expect.poll(() => comment.count(), { timeout: 30_000 }).toBe(1)
    expect(await comment.getByTestId('plenary-comment-body').innerText()).toBe(
      'Et les familles des hameaux ?\n<b>Transport</b> à prévoir.',
    )
    expect(await comment.textContent()).toContain(PARTICIPANT_NAME)
    expect(await comment.textContent()).toContain('Fiche action n°1')
    expect(await facilitator.locator('.plenary-comment b').count()).toBe(0)
    const rows = facilitator.getByTestId('ranking-row')
    await expect.poll(() => rows.nth(1).getByTestId('ranking-count').textContent(), { timeout: 30_000 }).toMatch(/^1/)
    expect(await rows.nth(0).textContent()).toContain('Fiche action n°1')
    expect(await rows.nth(1).textContent()).toContain('Fiche action n°3')
    expect(await rows.nth(2).getByTestId('ranking-count').textContent()).toMatch(/^0/)

    // hides the comment
    await comment.getByTestId('comment-hide').click()
    await expect.poll(() => comment.getAttribute('data-hidden')).toBe('true')
    await shot(owner, 'plenary-facilitator-1440.png')
    await expectNoAxeViolations(owner, 'the facilitator view')
    // still hidden after the next read from the server
    await owner.reload()
    await expect
      .poll(() => owner.getByTestId('plenary-comment').getAttribute('data-hidden'), { timeout: 30_000 })
      .toBe('true')

    // --- projection (1920×1080): the ranking, large; counts may be hidden until the end
    await owner.setViewportSize({ width: 1920, height: 1080 })
    await owner.getByTestId('projection-open').click()
    const projection = owner.getByTestId('projection-view')
    await projection.waitFor()
    const projected = projection.getByTestId('ranking-row')
    await expect.poll(() => projected.count()).toBeGreaterThanOrEqual(2)
    expect(await projected.nth(0).textContent()).toContain('n°1 — Rapprocher')
    expect(await projected.nth(0).getByTestId('ranking-count').textContent()).toMatch(/^1/)
    expect(await projection.getByTestId('projection-code').textContent()).toContain(code.slice(0, 3))
    expect(await projection.getByTestId('projection-participants').textContent()).toBe('1')
    // read from the back of the room: the fiche names are at least 32 px high
    const fontSize = await projected
      .nth(0)
      .locator('.ranking__name')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(32)
    await shot(owner, 'plenary-projection-1920.png')
    await expectNoAxeViolations(owner, 'the projection')
    await projection.getByTestId('projection-hide-counts').check()
    await expect.poll(() => projection.getByTestId('ranking-count').count()).toBe(0)
    await shot(owner, 'plenary-projection-hidden-1920.png')
    await projection.getByTestId('projection-hide-counts').uncheck()

    await owner.getByRole('link', { name: 'Quitter la projection' }).click()
    await owner.setViewportSize({ width: 1440, height: 900 })

    // --- a second phone (360 px) opens the join link and stays anonymous; excluded, it is told so
    const secondContext = await suite.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'fr-FR',
    })
    const second = await secondContext.newPage()
    second.on('pageerror', (error) => console.error('[second phone] page error:', error))
    await second.goto(joinUrl)
    await second.getByTestId('plenary-join-submit').tap()
    await second.getByTestId('participant-view').waitFor()
    expect(await second.getByTestId('participant-name').textContent()).toBe('Anonyme')
    expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBe(360)
    await expect.poll(() => owner.getByTestId('participant-count').textContent(), { timeout: 30_000 }).toBe('2')
    // the writers see how many phones follow, never a phone among the people on the document
    await expect
      .poll(() => writer.getByTestId('plenary-badge').textContent(), { timeout: 30_000 })
      .toContain('2 participants')
    await shot(writer, 'plenary-editor-badge-1440.png')
    const present = await writer.getByTestId('presence-user').allTextContents()
    expect(present.join(' ')).not.toMatch(/Camille|Anonyme/)
    const anonymous = owner.getByTestId('participant').filter({ hasText: 'Anonyme' })
    await anonymous.getByTestId('participant-exclude').click()
    await owner.getByTestId('confirm-accept').click()
    await second.getByTestId('plenary-excluded').waitFor({ timeout: 30_000 })
    await shot(second, 'plenary-phone-excluded-360.png')
    await expect.poll(() => owner.getByTestId('participant-count').textContent()).toBe('1')
    // the first phone goes on
    expect(await phone.getByTestId('participant-view').count()).toBe(1)

    // --- closing ends the phone's session at once
    await owner.getByTestId('plenary-close').click()
    await owner.getByTestId('confirm-accept').click()
    await expect
      .poll(() => owner.getByTestId('plenary-status').textContent(), { timeout: 30_000 })
      .toContain('Clôturée')
    await phone.getByTestId('plenary-closed').waitFor({ timeout: 30_000 })
    expect(await phone.getByTestId('plenary-closed').textContent()).toContain('Merci')
    await shot(phone, 'plenary-phone-closed-390.png')
    await expectNoAxeViolations(phone, 'the closed plénière')
    // and stays closed after a reload
    await phone.reload()
    await phone.getByTestId('plenary-closed').waitFor({ timeout: 30_000 })

    // the ranking goes into the fiches as their priority
    await owner.getByTestId('write-priorities').click()
    await owner.getByTestId('confirm-accept').click()
    await expect
      .poll(() => owner.locator('.facilitator__priorities [role="status"]').textContent())
      .toContain('Priorité reportée dans 2 fiches')
    await shot(owner, 'plenary-facilitator-closed-1440.png')
    const exported = (await (await suite.server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
      content: { type: string; priority?: number }[]
    }
    const priorities = exported.content.filter((b) => b.type === 'ficheAction').map((b) => b.priority ?? null)
    expect(priorities).toEqual([1, null, 2, null, null, null])

    expect(await cspViolations()).toEqual([])
    expect(await ownerCspViolations()).toEqual([])
    await phoneContext.close()
    await secondContext.close()
    await writer.context().close()
    await ownerContext.close()
  }, 180_000)
})
