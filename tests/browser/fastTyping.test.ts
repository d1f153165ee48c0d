import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, type Person } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { busiestSecond, probeSockets, readProbe } from '../helpers/socketProbe.js'

/*
 * Typing and pasting fast, with the server's default limits (100 messages a second,
 * bursts of 1,000, 1 MiB a second): the socket is never closed, "Hors ligne" never
 * shows, and the server ends with every character.
 */

const suite = browserSuite()
const CLAIRE: Person = { id: 'u-claire', name: 'Claire Martin' }

async function openEditorPage(id: string): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
  await probeSockets(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error))
  await page.goto(`${suite.server.httpUrl}/c/${id}#jeton=${await suite.server.memberToken(id, CLAIRE, 'editor')}`)
  await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected')
  return page
}

/**
 * Presses the keys of `text` at `perSecond`, as a keyboard does: the key events go to
 * Chromium (Input.dispatchKeyEvent, what page.keyboard uses) on schedule, without
 * waiting for the page to handle each one (page.keyboard waits, about 30 ms a key
 * here), so the page receives them at that rate and handles them as fast as it can.
 * Returns the rate at which they were sent; the page records when it handled each.
 */
async function typeAtRate(page: Page, text: string, perSecond: number): Promise<number> {
  await page.evaluate(() => {
    const times: number[] = []
    ;(window as unknown as { __keyTimes: number[] }).__keyTimes = times
    document.querySelector('.ProseMirror')!.addEventListener('keydown', () => times.push(performance.now()))
  })
  const cdp = await page.context().newCDPSession(page)
  const pending: Promise<unknown>[] = []
  const startedAt = Date.now()
  for (let at = 0; at < text.length;) {
    // every key due by now (timers are coarse under load: a few keys per slot)
    const due = Math.min(text.length, Math.floor(((Date.now() - startedAt) * perSecond) / 1000) + 1)
    for (; at < due; at++) {
      const key = text[at]!
      const code = key === ' ' ? 'Space' : `Key${key.toUpperCase()}`
      const keyCode = key.toUpperCase().charCodeAt(0)
      // a key down with its text (keydown, keypress, beforeinput, input): ProseMirror ignores key ups
      pending.push(
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, text: key, windowsVirtualKeyCode: keyCode }),
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const rate = text.length / ((Date.now() - startedAt) / 1000)
  await Promise.all(pending)
  await cdp.detach()
  return rate
}

/** Puts the caret at the end of the first fiche's objectif global. */
async function caretInObjective(page: Page) {
  await objective(page).click()
  await page.keyboard.press('End')
}

describe('fast typing and pasting', () => {
  it('1,500 keys at 300 a second never close the socket, and the server has them all', async () => {
    const id = await createConvention(suite.server)
    const page = await openEditorPage(id)
    await caretInObjective(page)

    const words = ' les familles du territoire trouvent un mode accueil adapte'
    const typed = Array.from({ length: 1500 }, (_, i) => words[i % words.length]).join('')
    const sending = await typeAtRate(page, typed, 300)
    const processed = await page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes)
    const processedRate = (processed.length - 1) / ((processed.at(-1)! - processed[0]!) / 1000)
    console.log(
      `sent ${typed.length} keys at ${sending.toFixed(0)} a second; the page handled them at ${processedRate.toFixed(0)} a second`,
    )
    // scheduled at 300 a second; on a loaded machine the test process itself sends a little late
    expect(sending).toBeGreaterThan(200)
    expect(processed.length).toBe(typed.length)

    await expect
      .poll(() => exportedObjective(suite.server, id), { timeout: 20_000 })
      .toContain(typed.trimEnd().slice(-200))
    expect(await exportedObjective(suite.server, id)).toContain(typed.trimEnd())
    const probe = await readProbe(page)
    expect(probe.closes).toEqual([])
    expect(probe.opened).toBe(1)
    expect(probe.offlineShown).toBe(false)
    const busiest = busiestSecond(probe)
    console.log(
      `${probe.updatesSent} update messages for ${typed.length} keys; at most ${busiest} messages in one second`,
    )
    expect(probe.updatesSent).toBeLessThan(typed.length / 3)
    // the server allows 100 a second (and bursts of 1,000)
    expect(busiest).toBeLessThan(100)
    await page.screenshot({ path: join(OUTPUT, 'fast-typing.png') })
    await page.context().close()
  }, 120_000)

  it('a 20 KB paste goes through without closing the socket', async () => {
    const id = await createConvention(suite.server)
    const page = await openEditorPage(id)
    await caretInObjective(page)

    const paragraph = (n: number) =>
      `Paragraphe ${n} du diagnostic partagé : les familles du territoire attendent des modes d’accueil plus proches, des horaires adaptés et une information claire sur leurs droits.`
    const pasted = Array.from({ length: 130 }, (_, i) => paragraph(i + 1)).join('\n\n')
    expect(new TextEncoder().encode(pasted).byteLength).toBeGreaterThan(20_000)
    await page.locator('.ProseMirror').evaluate((editor, text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, pasted)

    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 20_000 }).toContain(paragraph(130))
    const objectiveOnServer = await exportedObjective(suite.server, id)
    for (const n of [1, 64, 129]) expect(objectiveOnServer).toContain(paragraph(n))
    const probe = await readProbe(page)
    expect(probe.closes).toEqual([])
    expect(probe.opened).toBe(1)
    expect(probe.offlineShown).toBe(false)
    await page.screenshot({ path: join(OUTPUT, 'fast-paste.png') })
    await page.context().close()
  }, 120_000)
})
