import { afterEach, describe, expect, it } from 'vitest'
import { connectClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { openRawSocket, UpgradeRefused, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const servers: TestServer[] = []
const sockets: RawSocket[] = []

async function serverWith(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ env })
  servers.push(server)
  return server
}

async function open(server: TestServer): Promise<RawSocket> {
  const socket = await openRawSocket(server.wsUrl)
  sockets.push(socket)
  return socket
}

async function refusedStatus(server: TestServer): Promise<number> {
  const error = await openRawSocket(server.wsUrl).then(
    (socket) => (socket.ws.close(), null),
    (e: unknown) => e,
  )
  if (!(error instanceof UpgradeRefused)) throw new Error('the upgrade was not refused')
  return error.status
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  for (const server of servers.splice(0)) await server.stop()
})

describe('before authentication', () => {
  it('a socket that does not authenticate within AUTH_TIMEOUT_MS is closed with 4408; an authenticated one stays', async () => {
    const server = await serverWith({ AUTH_TIMEOUT_MS: '1000' })
    const id = await createConvention(server)
    const silent = await open(server)
    const authenticated = await open(server)
    await authenticated.authenticate(id, await server.token())
    expect(await silent.waitForClose()).toEqual({ code: 4408, reason: 'authentication timeout' })
    // a socket opened after the authenticated one times out after it would have: once it is
    // closed, the authenticated socket's timer (if it had one) is past too
    const later = await open(server)
    expect(await later.waitForClose()).toEqual({ code: 4408, reason: 'authentication timeout' })
    expect(authenticated.closed).toBeNull()
  })

  it('sockets not yet authenticated are capped per address (429) and in total (503); authenticating frees a slot', async () => {
    const perAddress = await serverWith({ MAX_UNAUTHENTICATED_PER_IP: '3' })
    const id = await createConvention(perAddress)
    const waiting = [await open(perAddress), await open(perAddress), await open(perAddress)]
    expect(await refusedStatus(perAddress)).toBe(429)
    await waiting[0]!.authenticate(id, await perAddress.token())
    const fourth = await open(perAddress)
    expect(fourth.closed).toBeNull()
    // closing a waiting socket frees its slot too
    waiting[1]!.ws.close()
    await waiting[1]!.waitForClose()
    await open(perAddress)

    const total = await serverWith({ MAX_UNAUTHENTICATED_PER_IP: '10', MAX_UNAUTHENTICATED: '2' })
    await open(total)
    await open(total)
    expect(await refusedStatus(total)).toBe(503)
  })

  it('an address that keeps sending bad tokens is turned away, on its open socket (4429) and at the upgrade (429)', async () => {
    const server = await serverWith({ FAILED_AUTHS_PER_MINUTE: '5' })
    const id = await createConvention(server)
    const socket = await open(server)
    for (let i = 0; i < 5; i++) await expect(socket.authenticate(id, 'not-a-token')).rejects.toThrow(/denied/)
    // the sixth failure empties the budget: the socket is closed
    await expect(socket.authenticate(id, 'not-a-token')).rejects.toThrow()
    expect(await socket.waitForClose()).toEqual({ code: 4429, reason: 'too many failed authentications' })
    expect(await refusedStatus(server)).toBe(429)
    // an address that stays under the rate is served: another server, the same attempts spread out
    const patient = await serverWith({ FAILED_AUTHS_PER_MINUTE: '5' })
    const other = await createConvention(patient)
    const retried = await open(patient)
    for (let i = 0; i < 4; i++) await expect(retried.authenticate(other, 'expired')).rejects.toThrow(/denied/)
    const client = await connectClient(patient.wsUrl, other, await patient.token())
    client.destroy()
  })
})
