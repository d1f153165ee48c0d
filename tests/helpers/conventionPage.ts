import type { Browser, Page } from 'playwright-core'
import type { Convention, FicheActionBlock, Role } from '@ctg/shared'
import type { TestServer } from './startTestServer.js'

export interface Person {
  id: string
  name: string
}

/** A fresh browser context (its own storage: one person, one device) signed in on the editor of `id`. */
export async function openConventionPage(
  { browser, server }: { browser: Browser; server: TestServer },
  id: string,
  person: Person,
  role: Role = 'editor',
) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${person.name}] page error:`, error))
  await page.goto(`${server.httpUrl}/c/${id}#jeton=${await server.memberToken(id, person, role)}`)
  await page.locator('.fiche-action').first().waitFor({ timeout: 20_000 })
  return page
}

/** The first paragraph of the first fiche's objectif global. */
export const objective = (page: Page) =>
  page.locator('.fiche-action [data-type="ficheObjective"] > .ctg-field__content p').first()

/** The field's text as the document holds it, without the other people's caret labels drawn inside it. */
export const objectiveText = (page: Page) =>
  objective(page).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })

/** The first fiche's objectif global as the server exports it. */
export async function exportedObjective(server: TestServer, id: string): Promise<string> {
  const convention = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
  return (convention.content.find((block) => block.type === 'ficheAction') as FicheActionBlock).objective
}
