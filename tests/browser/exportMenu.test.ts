import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()
const OWNER = { id: 'u-test', name: 'Testeuse' }

describe('the "Exporter" menu', () => {
  it('downloads a PDF and the archive, and checks an archive in the page (valid, then altered)', async () => {
    const id = await createConvention(suite.server, exportConvention())
    const page = await openConventionPage(suite, id, OWNER, 'owner')
    await page.getByTestId('export-menu').click()
    const dialog = page.getByTestId('export-dialog')
    for (const label of [
      'Word (DOCX)',
      'OpenDocument (ODT)',
      'PDF',
      'Page web (HTML)',
      'Markdown',
      'Données structurées (JSON)',
    ])
      await expect.poll(() => dialog.getByRole('button', { name: label }).count()).toBe(1)

    const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-pdf').click()])
    expect(pdf.suggestedFilename()).toBe(`${exportConvention().title}.pdf`)
    const pdfFile = join(OUTPUT, 'export-menu.pdf')
    await pdf.saveAs(pdfFile)
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-')

    // no adopted version yet: the archive is refused, in French
    await dialog.getByTestId('export-archive').click()
    await expect.poll(() => dialog.getByTestId('error-notice').textContent()).toContain('pas encore adoptée')

    const step = await suite.server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(step.status).toBe(200)
    const [zip] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-archive').click()])
    const archive = join(OUTPUT, 'export-menu-archive.zip')
    await zip.saveAs(archive)

    const input = dialog.getByTestId('archive-check-input')
    const result = dialog.getByTestId('archive-check-result')
    await input.setInputFiles(archive)
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('Archive valide')
    await expectNoAxeViolations(page, 'export dialog', '[data-testid="export-dialog"]')
    await page.screenshot({ path: join(OUTPUT, 'export-dialog-valid.png') })

    const entries = unzipSync(readFileSync(archive))
    const pdfEntry = Object.keys(entries).find((name) => name.endsWith('/data/convention.pdf'))!
    entries[pdfEntry]![100] = entries[pdfEntry]![100]! ^ 0xff
    const altered = join(OUTPUT, 'export-menu-archive-altered.zip')
    writeFileSync(altered, zipSync(entries))
    await input.setInputFiles(altered)
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('altéré : data/convention.pdf')
    await page.screenshot({ path: join(OUTPUT, 'export-dialog-altered.png') })
    await page.context().close()
  }, 120_000)
})
