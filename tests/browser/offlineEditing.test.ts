import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { collabMessageKind } from '@ctg/client'
import {
  exportedObjective,
  objective,
  objectiveText,
  openConventionPage,
  type Person,
} from '../helpers/conventionPage.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { createConvention } from '../helpers/createConvention.js'

/*
 * The outage is Chromium's own network emulation (`context.setOffline`): for that
 * browser context, and only for it, every HTTP request and every new WebSocket fails,
 * and the page gets the `offline` and `online` events a laptop losing its Wi-Fi gets.
 * The server keeps running, so another person can go on editing meanwhile. The reload
 * while offline is a real one: the service worker serves the interface from its cache
 * and the editor opens from IndexedDB; nothing reaches the server until the network
 * is back.
 */

const CLAIRE: Person = { id: 'u-claire', name: 'Claire Caf' }
const ELODIE: Person = { id: 'u-elodie', name: 'Élodie EPCI' }

const suite = browserSuite()

const connection = (page: Page) => page.getByTestId('connection-status')
const saveStatus = (page: Page) => page.getByTestId('save-status')
const offlineNotice = (page: Page) => page.getByTestId('offline-notice')
const SAVED_AT = /^Enregistré à \d\d:\d\d$/
/** generous: the machine may be busy with other tests */
const poll = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 15_000 })

/** Opens the page and waits until the service worker keeps the interface: a reload offline needs it. */
async function openOnline(id: string, person: Person): Promise<Page> {
  const page = await openConventionPage(suite, id, person)
  await poll(() => connection(page).getAttribute('data-status')).toBe('connected')
  await page.evaluate(() => navigator.serviceWorker.ready)
  return page
}

async function typeAtEndOfObjective(page: Page, text: string) {
  await objective(page).click()
  await page.keyboard.press('End')
  await page.keyboard.type(text, { delay: 20 })
}

/**
 * Passes the collaboration WebSocket through the test, so that the server's
 * acknowledgements can be held back for a moment: long enough to look at the page while
 * it sends. Everything else goes through.
 */
async function routeCollab(context: BrowserContext) {
  let holding = false
  const held: (() => void)[] = []
  await context.routeWebSocket(/\/collab(\?|$)/, (page) => {
    const server = page.connectToServer()
    server.onMessage((message) => {
      if (holding && collabMessageKind(message) === 'applied') held.push(() => page.send(message))
      else page.send(message)
    })
  })
  return {
    hold: () => (holding = true),
    release: () => {
      holding = false
      held.splice(0).forEach((send) => send())
    },
  }
}

/** How many updates this person's copy of the convention holds in IndexedDB. */
const storedUpdates = (page: Page, person: Person, id: string) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const count = db.transaction('updates').objectStore('updates').count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
        }
      }),
    `ctg-convention:${person.id}:${id}`,
  )

describe('editing offline', () => {
  it('keeps the edits through a reload without network and sends them when the network is back', async () => {
    const id = await createConvention(suite.server)
    const claire = await openOnline(id, CLAIRE)
    const context = claire.context()

    await context.setOffline(true)
    await poll(() => connection(claire).textContent()).toBe('Hors ligne')
    await poll(() => offlineNotice(claire).textContent()).toContain('Aucune modification en attente')

    const before = await storedUpdates(claire, CLAIRE, id)
    const typed = ' Saisi hors ligne, dans le train.'
    await typeAtEndOfObjective(claire, typed)
    await poll(() => saveStatus(claire).textContent()).toBe('Modifications conservées sur cet appareil')
    await expect
      .poll(() => offlineNotice(claire).textContent())
      .toContain('Des modifications attendent d’être envoyées.')
    // every keystroke is on disk before the reload (one update per character)
    await poll(() => storedUpdates(claire, CLAIRE, id)).toBeGreaterThanOrEqual(before + typed.length)
    expect(await exportedObjective(suite.server, id)).not.toContain('dans le train')

    await objective(claire).scrollIntoViewIfNeeded()
    await claire.screenshot({ path: join(OUTPUT, 'offline-editing.png') })

    // from here on, the server's answers can be held back (routes apply to sockets opened after the reload)
    const collab = await routeCollab(context)
    await claire.reload()
    await objective(claire).waitFor({ timeout: 20_000 })
    await poll(() => objectiveText(claire)).toContain(typed.trim())
    await poll(() => connection(claire).textContent()).toBe('Hors ligne')
    // loaded from IndexedDB, still not on the server: still said to be waiting
    await poll(() => saveStatus(claire).textContent()).toBe('Modifications conservées sur cet appareil')
    await expect
      .poll(() => offlineNotice(claire).textContent())
      .toContain('Des modifications attendent d’être envoyées.')
    await objective(claire).scrollIntoViewIfNeeded()
    await claire.screenshot({ path: join(OUTPUT, 'offline-after-reload.png') })

    // back online: connected and synced, but the server's acknowledgements are held back
    collab.hold()
    await context.setOffline(false)
    await poll(() => connection(claire).textContent()).toBe('Connecté')
    await poll(() => saveStatus(claire).textContent()).toBe('Reconnecté — envoi des modifications…')
    await poll(() => offlineNotice(claire).textContent()).toContain('Reconnecté')
    await claire.screenshot({ path: join(OUTPUT, 'offline-sending.png') })

    collab.release()
    await poll(() => saveStatus(claire).textContent()).toMatch(SAVED_AT)
    await poll(() => offlineNotice(claire).count()).toBe(0)
    expect(await exportedObjective(suite.server, id)).toContain(typed.trim())
    await claire.screenshot({ path: join(OUTPUT, 'offline-reconnected.png') })
    await context.close()
  })

  it('merges what someone else typed in the same field meanwhile', async () => {
    const id = await createConvention(suite.server)
    const claire = await openOnline(id, CLAIRE)
    const elodie = await openOnline(id, ELODIE)

    await claire.context().setOffline(true)
    await poll(() => connection(claire).textContent()).toBe('Hors ligne')
    await typeAtEndOfObjective(claire, ' Claire, hors ligne, ajoute ceci.')
    await typeAtEndOfObjective(elodie, ' Élodie, en ligne, ajoute cela.')
    await poll(() => exportedObjective(suite.server, id)).toContain('Élodie, en ligne, ajoute cela.')
    expect(await objectiveText(claire)).not.toContain('Élodie')
    expect(await exportedObjective(suite.server, id)).not.toContain('Claire, hors ligne')

    await claire.context().setOffline(false)
    await poll(() => saveStatus(claire).textContent()).toMatch(SAVED_AT)
    const texts = async () => [await objectiveText(claire), await objectiveText(elodie)]
    await poll(async () => new Set(await texts()).size).toBe(1)
    const [text] = await texts()
    expect(text).toContain('Claire, hors ligne, ajoute ceci.')
    expect(text).toContain('Élodie, en ligne, ajoute cela.')
    const exported = await exportedObjective(suite.server, id)
    expect(exported).toContain('Claire, hors ligne, ajoute ceci.')
    expect(exported).toContain('Élodie, en ligne, ajoute cela.')

    await objective(claire).scrollIntoViewIfNeeded()
    await claire.screenshot({ path: join(OUTPUT, 'offline-merged.png') })
    await claire.context().close()
    await elodie.context().close()
  })

  it('treats a server that cannot read its storage as an outage, not as a refusal', async () => {
    const id = await createConvention(suite.server)
    const first = await openOnline(id, CLAIRE)
    const context = first.context()
    await first.close()
    const { hocuspocus } = suite.server.ctg.server
    await poll(async () => hocuspocus.documents.has(id)).toBe(false)

    // the log table out of the way: loading the convention fails (see the persistence tests)
    const sql = (statement: string) => {
      const db = new DatabaseSync(join(suite.server.dataDir, 'ctg.sqlite'))
      // the server's writer thread may be committing: wait for it, as the server does
      db.exec('PRAGMA busy_timeout = 10000')
      db.exec(statement)
      db.close()
    }
    sql('ALTER TABLE convention_updates RENAME TO convention_updates_away')
    const claire = await context.newPage()
    await claire.goto(`${suite.server.httpUrl}/c/${id}`)
    await objective(claire).waitFor({ timeout: 20_000 })
    await poll(() => connection(claire).textContent()).toBe('Hors ligne')
    expect(await claire.getByText('Accès au document refusé').count()).toBe(0)
    await typeAtEndOfObjective(claire, ' Saisi pendant la panne du stockage.')
    await poll(() => saveStatus(claire).textContent()).toBe('Modifications conservées sur cet appareil')

    sql('ALTER TABLE convention_updates_away RENAME TO convention_updates')
    await poll(() => saveStatus(claire).textContent()).toMatch(SAVED_AT)
    expect(await exportedObjective(suite.server, id)).toContain('Saisi pendant la panne du stockage.')
    await context.close()
  })
})
