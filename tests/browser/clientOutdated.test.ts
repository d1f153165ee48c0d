import { join } from 'node:path'
import { CLIENT_OUTDATED_REFUSAL } from '@ctg/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { browserSuite, OUTPUT } from '../helpers/browserSuite.js'
import { openConventionPage } from '../helpers/conventionPage.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectNoAxeViolations } from '../helpers/expectNoAxeViolations.js'

const suite = browserSuite()
const CLAIRE = { id: 'u-claire', name: 'Claire Caf' }
/** Hocuspocus's authentication message and its "authenticated" answer */
const AUTH = 2
const AUTHENTICATED = 2
const PERMISSION_DENIED = 1

/** The server's "authenticated" answer turned into the refusal a newer server gives this page. */
function asOutdated(frame: Buffer): Buffer | null {
  const decoder = decoding.createDecoder(new Uint8Array(frame))
  const name = decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== AUTH || decoding.readVarUint(decoder) !== AUTHENTICATED) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, name)
  encoding.writeVarUint(encoder, AUTH)
  encoding.writeVarUint(encoder, PERMISSION_DENIED)
  encoding.writeVarString(encoder, CLIENT_OUTDATED_REFUSAL.reason)
  return Buffer.from(encoding.toUint8Array(encoder))
}

describe('a page older than the server', () => {
  it('stops editing and asks to be reloaded, in French', async () => {
    const id = await createConvention(suite.server)
    const page = await openConventionPage(suite, id, CLAIRE)
    // from now on the server answers as a newer one would (the page's schema is not its own)
    await page.context().routeWebSocket(/\/collab(\?|$)/, (socket) => {
      const server = socket.connectToServer()
      server.onMessage((message) => {
        const refusal = typeof message === 'string' ? null : asOutdated(message)
        socket.send(refusal ?? message)
      })
    })
    await page.reload()
    const notice = page.getByTestId('client-outdated')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.textContent()).toContain('Une nouvelle version de l’application est disponible')
    // the editor is gone: nothing of this page's schema touches the document
    expect(await page.locator('.ProseMirror').count()).toBe(0)
    expect(await notice.getByRole('button', { name: 'Recharger la page' }).isVisible()).toBe(true)
    await expectNoAxeViolations(page, 'client outdated notice')
    await page.screenshot({ path: join(OUTPUT, 'client-outdated.png') })
    await page.context().close()
  }, 60_000)
})
