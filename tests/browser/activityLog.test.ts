import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { exportedObjective, objective, openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'

const suite = browserSuite()

/** The test server's default user creates conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }
const CAMILLE = { id: 'u-camille', name: 'Camille Martin' }

describe('the activity log', () => {
  it('shows the owner, newest first and in French, an edit made by an editor with the block it touched; older entries on demand', async () => {
    const id = await createConvention(suite.server)
    const api = (path: string, init: RequestInit) => suite.server.api(`/api/conventions/${id}${path}`, init)
    const share = async (name: string, email: string, role: string) => {
      const answer = await api('/members', {
        method: 'POST',
        body: JSON.stringify({ name, email, organisationKind: 'commune', role }),
      })
      expect(answer.status).toBe(201)
      return ((await answer.json()) as { member: { id: string } }).member.id
    }

    // enough older entries for a second page: a member whose role changes back and forth
    const paul = await share('Paul Girard', 'paul.girard@seyne.example.fr', 'reader')
    for (let i = 0; i < 52; i++) {
      const role = i % 2 === 0 ? 'commenter' : 'reader'
      expect((await api(`/members/${paul}`, { method: 'PATCH', body: JSON.stringify({ role }) })).status).toBe(200)
    }
    const isabelle = await share('Isabelle Arnaud', 'isabelle.arnaud@caf.example.fr', 'editor')
    expect((await api(`/members/${isabelle}`, { method: 'DELETE' })).status).toBe(204)

    // Camille, rédactrice, completes the first fiche's objective
    const camille = await openConventionPage(suite, id, CAMILLE, 'editor')
    await objective(camille).click()
    await camille.keyboard.press('End')
    await camille.keyboard.type(' Camille précise l’objectif.')
    await expect.poll(() => exportedObjective(suite.server, id), { timeout: 30_000 }).toContain('Camille précise')
    await camille.context().close()

    // the owner opens the log from the editor
    const owner = await openConventionPage(suite, id, OWNER, 'owner')
    await owner.screenshot({
      path: join(OUTPUT, 'editor-header-owner.png'),
      clip: { x: 0, y: 0, width: 1440, height: 140 },
    })
    await owner.getByTestId('activity-open').click()
    const log = owner.getByTestId('activity-log')
    const entries = log.getByTestId('activity-entry')
    await entries.first().waitFor()
    // "14:05 Camille Martin a modifié …": the time, then the sentence
    const texts = () =>
      entries.evaluateAll((items) =>
        items.map((item) =>
          Array.from(item.children, (child) => (child.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' '),
        ),
      )
    await expect
      .poll(async () => (await texts()).join('\n'))
      .toMatch(/Camille Martin a modifié la fiche action n°1 « Ouvrir un relais petite enfance »/)
    const shown = await texts()
    // newest first: Camille's edit comes before the revocation made earlier, each with its time of day
    const edit = shown.findIndex((t) => t.includes('Camille Martin a modifié'))
    const revoked = shown.findIndex((t) => t.includes('Testeuse a retiré l’accès d’Isabelle Arnaud (rôle : rédacteur)'))
    expect(edit).toBeGreaterThanOrEqual(0)
    expect(revoked).toBeGreaterThan(edit)
    expect(shown[edit]).toMatch(/^\d\d:\d\d /)
    expect(shown).toContain(
      shown.find((t) => /Testeuse a donné le rôle de (lecteur|commentateur) à Paul Girard/.test(t)),
    )
    expect(await log.locator('.activity-day__title').first().textContent()).toBe('Aujourd’hui')
    await owner.screenshot({ path: join(OUTPUT, 'activity-log.png') })

    // the first page holds 50 entries; the oldest, the creation, comes with the next one
    expect(shown).toHaveLength(50)
    expect(shown.some((t) => t.includes('a créé la convention'))).toBe(false)
    await log.getByTestId('activity-more').click()
    await expect.poll(async () => (await texts()).some((t) => t.includes('Testeuse a créé la convention'))).toBe(true)
    await expect.poll(() => log.getByTestId('activity-more').count()).toBe(0)
    // still one day heading: the second page joins today's list
    expect(await log.locator('.activity-day__title').count()).toBe(1)
    await owner.context().close()
  }, 90_000)

  it('is not offered to an editor', async () => {
    const id = await createConvention(suite.server)
    const camille = await openConventionPage(suite, id, CAMILLE, 'editor')
    await camille.getByTestId('share').waitFor()
    expect(await camille.getByTestId('activity-open').count()).toBe(0)
    await camille.context().close()
  })
})
