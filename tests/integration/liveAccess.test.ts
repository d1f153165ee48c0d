import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { accessMessages } from '../helpers/accessMessages.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient, waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { syncStatuses } from '../helpers/syncStatuses.js'
import { fieldText, findElements } from '../helpers/yFields.js'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

const EDITOR = { id: 'u-editor', name: 'Élodie (EPCI)' }

const setRole = (id: string, role: string) =>
  server.api(`/api/conventions/${id}/members/${EDITOR.id}`, { method: 'PATCH', body: JSON.stringify({ role }) })

async function storedTitle(id: string): Promise<string> {
  const stored = (await server.ctg.store.readDocument(id))!
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, stored.snapshot)
  for (const entry of stored.updates) Y.applyUpdate(doc, entry.update)
  return fieldText(findElements(doc, 'ficheTitle')[0]!).toString()
}

describe('a role change takes effect on open connections, without reload', () => {
  it('an editor downgraded to reader is told at once, and their next edit is neither applied, seen nor stored; an upgrade gives it back', async () => {
    const id = await createConvention(server, largeConvention())
    const owner = await connectClient(server.wsUrl, id, await server.token())
    const editor = await connectClient(server.wsUrl, id, await server.memberToken(id, EDITOR, 'editor'))
    const received = accessMessages(editor)
    const title = () => fieldText(findElements(editor.doc, 'ficheTitle')[0]!)
    title().insert(0, 'Avant ')
    await editor.settled()
    await waitFor(() => fieldText(findElements(owner.doc, 'ficheTitle')[0]!).toString().startsWith('Avant '))

    const changedAt = Date.now()
    expect((await setRole(id, 'reader')).status).toBe(200)
    await waitFor(() => received.length === 1, 'the access message', 1_000)
    expect(received[0]).toEqual({ type: 'access', role: 'reader' })
    expect(Date.now() - changedAt).toBeLessThan(1_000)

    // the server answers the refused update with SyncStatus false: wait for that answer, not a fixed time
    const answers = syncStatuses(editor)
    title().insert(0, 'Refusé ')
    await waitFor(() => answers.includes(false), 'the server refuses the edit')
    expect(fieldText(findElements(owner.doc, 'ficheTitle')[0]!).toString()).not.toContain('Refusé')
    expect(await storedTitle(id)).not.toContain('Refusé')

    expect((await setRole(id, 'editor')).status).toBe(200)
    await waitFor(() => received.length === 2, 'the second access message', 1_000)
    expect(received[1]).toEqual({ type: 'access', role: 'editor' })
    title().insert(0, 'Après ')
    await waitFor(() => fieldText(findElements(owner.doc, 'ficheTitle')[0]!).toString().includes('Après '))
    owner.destroy()
    editor.destroy()
  })

  it('a revoked member is told `role: null`, then the socket is closed with 4403', async () => {
    const id = await createConvention(server)
    const editor = await connectClient(server.wsUrl, id, await server.memberToken(id, EDITOR, 'editor'))
    const received = accessMessages(editor)
    const closed = closeOf(editor)
    expect((await server.api(`/api/conventions/${id}/members/${EDITOR.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(received).toEqual([{ type: 'access', role: null }])
    editor.destroy()
    // and it cannot come back
    await expect(connectClient(server.wsUrl, id, await server.token(EDITOR))).rejects.toThrow('forbidden')
  })

  it('a signed-out session has its sockets closed with 4401; another session of the same person stays', async () => {
    const id = await createConvention(server)
    const laptop = await server.memberToken(id, EDITOR, 'editor')
    const phone = await server.token(EDITOR)
    const signedOut = await connectClient(server.wsUrl, id, laptop)
    const other = await connectClient(server.wsUrl, id, phone)
    const closed = closeOf(signedOut)
    expect((await server.api('/api/auth/logout', { method: 'POST', token: laptop })).status).toBe(204)
    expect(await closed).toEqual({ code: 4401, reason: 'signed out' })
    // the token is dead everywhere, the other session is not
    expect((await server.api('/api/me', { token: laptop })).status).toBe(401)
    await expect(connectClient(server.wsUrl, id, laptop)).rejects.toThrow(/authentication failed/)
    expect((await server.api('/api/me', { token: phone })).status).toBe(200)
    fieldText(findElements(other.doc, 'ficheTitle')[0]!).insert(0, 'Toujours là ')
    await other.settled()
    expect(await storedTitle(id)).toMatch(/^Toujours là /)
    signedOut.destroy()
    other.destroy()
  })

  it('the last owner can be neither downgraded nor removed (409 last_owner)', async () => {
    const id = await createConvention(server)
    const patch = await server.api(`/api/conventions/${id}/members/u-test`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'editor' }),
    })
    expect(patch.status).toBe(409)
    expect(((await patch.json()) as { error: { code: string } }).error.code).toBe('last_owner')
    expect((await server.api(`/api/conventions/${id}/members/u-test`, { method: 'DELETE' })).status).toBe(409)
  })

  it('sharing validates its body (400 naming each field); the old invitation route is gone (410)', async () => {
    const id = await createConvention(server)
    const response = await server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: 'pas-un-mail', name: '', organisationKind: 'mairie', role: 'admin' }),
    })
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string }[] } }
    expect(error.code).toBe('invalid_body')
    expect(error.issues.map((i) => i.path).sort()).toEqual(['email', 'name', 'organisationKind', 'role'])
    const shared = await server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: 'Claire@Caf.fr', name: 'Claire', organisationKind: 'caf', role: 'reader' }),
    })
    expect(shared.status).toBe(201)
    const { member, link } = (await shared.json()) as {
      member: { id: string; email: string; role: string }
      link: string
    }
    expect(member).toMatchObject({ email: 'claire@caf.fr', role: 'reader' })
    // the link lets the invited person create an account, a reader of this convention
    const token = await acceptInvitation(link, { name: 'Claire' })
    const mine = await server.api(`/api/conventions/${id}`, { token })
    expect(((await mine.json()) as { role: string }).role).toBe('reader')
    const invitation = await server.api('/api/invitations', { method: 'POST', body: JSON.stringify({ name: 'X' }) })
    expect(invitation.status).toBe(410)
  })
})
