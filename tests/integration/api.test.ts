import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { SignJWT } from 'jose'
import { Y_FRAGMENT_NAME, type Convention } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { largeConvention, smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient } from '../helpers/connectClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { findElements } from '../helpers/yFields.js'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_BODY_BYTES: String(512 * 1024) } })
})
afterAll(async () => {
  await server.stop()
})

async function createNational(): Promise<string> {
  const response = await server.api('/api/conventions', {
    method: 'POST',
    body: JSON.stringify({
      title: 'CTG Pays de Seyne 2026-2030',
      template: 'national',
      period: { start: 2026, end: 2030 },
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('without a valid token nothing is served', () => {
  const routes: [string, string, string?][] = [
    ['GET', '/api/conventions'],
    ['POST', '/api/conventions', JSON.stringify({ title: 'x', template: 'blank' })],
    ['GET', '/api/conventions/c-unknown/export?format=json'],
    ['GET', '/api/me'],
    ['POST', '/api/invitations', JSON.stringify({ name: 'Intrus' })],
  ]

  it.each(routes)(
    '%s %s answers 401 without a token, with a forged one and with an expired one',
    async (method, path, body) => {
      const foreign = await new SignJWT({ name: 'Intrus' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-intrus')
        .setIssuer('ctg-workspace')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-of-another-server!!'))
      const expired = await server.ctg.tokens.issue({ id: 'u-old', name: 'Ancien' }, -60)
      for (const token of [null, 'not-a-jwt', foreign, expired, (await server.token()).slice(0, -3) + 'AAA']) {
        const response = await server.api(path, { method, body, token })
        expect(response.status, `token ${String(token).slice(0, 12)}`).toBe(401)
        const json = (await response.json()) as { error: { code: string; message: string } }
        expect(json.error.code).toBe('unauthorized')
      }
    },
  )

  it('a WebSocket connection without a valid token is refused and receives no content', async () => {
    const id = await createNational()
    const foreign = await new SignJWT({ name: 'Intrus' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-intrus')
      .setIssuer('ctg-workspace')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-another-server!!'))
    for (const token of ['', 'garbage', foreign]) {
      await expect(connectClient(server.wsUrl, id, token)).rejects.toThrow(/authentication failed/)
    }
    // a valid token still gets in
    const client = await connectClient(server.wsUrl, id, await server.token())
    expect(client.doc.getXmlFragment(Y_FRAGMENT_NAME).length).toBeGreaterThan(10)
    client.destroy()
  })

  it('a connection to a convention that does not exist is refused (clients never create documents)', async () => {
    // the same answer as for a convention one is not a member of: existence does not leak
    await expect(connectClient(server.wsUrl, 'c-doesnotexist', await server.token())).rejects.toThrow(
      'authentication failed: forbidden',
    )
    const list = (await (await server.api('/api/conventions')).json()) as { conventions: { id: string }[] }
    expect(list.conventions.map((c) => c.id)).not.toContain('c-doesnotexist')
  })

  it('WebSocket upgrades elsewhere than /collab are refused', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/other`)
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'))
      ws.on('error', () => resolve('refused'))
      ws.on('unexpected-response', () => resolve('refused'))
    })
    expect(outcome).toBe('refused')
  })
})

describe('the JSON export', () => {
  it('validates against the served JSON Schema and survives export → import → export', async () => {
    const schemaResponse = await fetch(`${server.httpUrl}/api/schema/convention.json`)
    expect(schemaResponse.status).toBe(200)
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    const validate = ajv.compile((await schemaResponse.json()) as object)

    for (const id of [await createNational(), await importJson(largeConvention())]) {
      const first = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
      expect(validate(first), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
      const reimported = await importJson(first)
      expect(reimported).not.toBe(id)
      const second = (await (
        await server.api(`/api/conventions/${reimported}/export?format=json`)
      ).json()) as Convention
      expect(second).toEqual(first)
    }
  })

  it('serves the schema of each version; a version-1 export imports and exports as version 2 with the same facts', async () => {
    const v1Schema = await fetch(`${server.httpUrl}/api/schema/convention-v1.json`)
    expect(v1Schema.status).toBe(200)
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    const validateV1 = ajv.compile((await v1Schema.json()) as object)
    const validateLatest = ajv.compile(
      (await (await fetch(`${server.httpUrl}/api/schema/convention.json`)).json()) as object,
    )
    const file = JSON.parse(
      readFileSync(new URL('../fixtures/v1/national.v1.json', import.meta.url), 'utf8'),
    ) as Convention
    expect(validateV1(file)).toBe(true)
    expect(validateLatest(file)).toBe(false)
    const id = await importJson(file)
    const exported = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
    expect(validateLatest(exported), JSON.stringify(validateLatest.errors?.slice(0, 3))).toBe(true)
    expect([exported.version, exported.parties, exported.territory]).toEqual([2, [], null])
    const texts = (c: { content: { type: string; text?: string }[] }) =>
      c.content.map((b) => `${b.type}:${b.text ?? ''}`)
    expect(texts(exported)).toEqual(texts(file as unknown as { content: { type: string; text?: string }[] }))
  })

  it('the national model holds parties, articles 1 to 14, signatures, annexes 1 to 5 and the three blocks', async () => {
    const id = await createNational()
    const c = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
    const headings = c.content.flatMap((b) => (b.type === 'heading' ? [b.text] : []))
    for (let n = 1; n <= 14; n++) expect(headings.some((h) => h.startsWith(`Article ${n} `))).toBe(true)
    for (let n = 1; n <= 5; n++) expect(headings.some((h) => h.startsWith(`Annexe ${n} `))).toBe(true)
    expect(headings.some((h) => /Préambule/.test(h))).toBe(true)
    expect(headings.some((h) => /Signatures/.test(h))).toBe(true)
    expect(c.content.filter((b) => b.type === 'ficheAction')).toHaveLength(1)
    expect(c.content.filter((b) => b.type === 'indicatorTable')).toHaveLength(1)
    expect(c.content.filter((b) => b.type === 'signatoryBlock')).toHaveLength(1)
    expect(c.period).toEqual({ start: 2026, end: 2030 })
    // the parties and the territory are data, in place of the "Entre les soussignés" prose
    expect(c.parties.map((p) => p.kind)).toEqual(['caf', 'epci'])
    expect(c.territory?.epci.name).toBe('[Nom de l’EPCI]')
    expect(c.content.filter((b) => b.type === 'parties')).toHaveLength(1)
    expect(c.content.filter((b) => b.type === 'territory')).toHaveLength(1)
    expect(c.content.some((b) => b.type === 'paragraph' && b.text.startsWith('La Caisse d’allocations'))).toBe(false)
    const signatories = c.content.flatMap((b) => (b.type === 'signatoryBlock' ? b.signatories : []))
    expect(signatories.map((s) => s.partyId)).toEqual(c.parties.map((p) => p.id))
  })
})

async function importJson(convention: Convention): Promise<string> {
  const response = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify({ convention }) })
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('bad input gets a clear error', () => {
  it('a convention that violates the schema gets a 400 naming the field', async () => {
    const c = smallConvention() as unknown as { content: Record<string, unknown>[] }
    const index = c.content.findIndex((b) => b.type === 'ficheAction')
    delete c.content[index]!.title
    const response = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify({ convention: c }) })
    expect(response.status).toBe(400)
    const json = (await response.json()) as { error: { code: string; message: string; issues: { path: string }[] } }
    expect(json.error.code).toBe('invalid_convention')
    expect(json.error.issues.map((i) => i.path)).toContain(`convention.content.${index}.title`)
    expect(json.error.message).toContain(`convention.content.${index}.title`)
  })

  it('a wrong value in a vocabulary is named too', async () => {
    const c = smallConvention()
    const s = c.content.find((b) => b.type === 'signatoryBlock')!
    if (s.type !== 'signatoryBlock') throw new Error('fixture')
    ;(s.signatories[0] as { kind: string }).kind = 'prefecture'
    const response = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify({ convention: c }) })
    expect(response.status).toBe(400)
    const json = (await response.json()) as { error: { issues: { path: string }[] } }
    expect(json.error.issues[0]!.path).toBe(`convention.content.${c.content.indexOf(s)}.signatories.0.kind`)
  })

  it.each([
    ['not JSON', '{"title": ', 400, 'invalid_json'],
    ['an unknown template', JSON.stringify({ title: 'A', template: 'departmental' }), 400, 'invalid_body'],
    ['an empty title', JSON.stringify({ title: '  ', template: 'blank' }), 400, 'invalid_body'],
    ['an unknown field', JSON.stringify({ title: 'A', template: 'blank', owner: 'x' }), 400, 'invalid_body'],
    [
      'a reversed period',
      JSON.stringify({ title: 'A', template: 'blank', period: { start: 2030, end: 2026 } }),
      400,
      'invalid_body',
    ],
    [
      'an oversized body',
      JSON.stringify({ title: 'A'.repeat(600 * 1024), template: 'blank' }),
      413,
      'payload_too_large',
    ],
  ])('%s', async (_name, body, status, code) => {
    const response = await server.api('/api/conventions', { method: 'POST', body })
    expect(response.status).toBe(status)
    const json = (await response.json()) as { error: { code: string; message: string } }
    expect(json.error.code).toBe(code)
    expect(json.error.message).not.toMatch(/at .*\.ts:\d+/)
  })

  it('unknown conventions, routes and formats', async () => {
    expect((await server.api('/api/conventions/c-nope/export?format=json')).status).toBe(404)
    expect((await server.api('/api/conventions/c-nope')).status).toBe(404)
    expect((await server.api('/api/nothing-here')).status).toBe(404)
    const id = await createNational()
    const rtf = await server.api(`/api/conventions/${id}/export?format=rtf`)
    expect(rtf.status).toBe(400)
    expect((await server.api(`/api/conventions`, { method: 'DELETE' })).status).toBe(405)
  })
})

describe('stored documents are checked against the schema', () => {
  it('a year outside the rules is refused from a client (4422); one stored before the rule is reported, exported as unset and kept', async () => {
    const id = await createNational()
    const client = await connectClient(server.wsUrl, id, await server.token())
    const closed = new Promise<number>((resolve) =>
      client.socket.on('close', ({ event }: { event: { code: number } }) => resolve(event.code)),
    )
    findElements(client.doc, 'keyAction')[0]!.setAttribute('deadline', 1850 as never)
    expect(await closed).toBe(4422)
    client.destroy()

    // a document stored by an older server, which took the same year
    const old = structuredClone(smallConvention()) as Convention
    const fiche = old.content.find((b) => b.type === 'ficheAction')!
    if (fiche.type !== 'ficheAction') throw new Error('fixture')
    fiche.keyActions[0]!.deadline = 1850
    const storedId = await server.ctg.conventions.createFromConvention(old, 'u-test')
    await server.ctg.store.members.setRole(storedId, 'u-test', 'owner', 'u-test')
    const reader = await connectClient(server.wsUrl, storedId, await server.token())
    let summary: { issues: { path: string; message: string }[] } = { issues: [] }
    await expect
      .poll(async () => {
        summary = (await (await server.api(`/api/conventions/${storedId}`)).json()) as typeof summary
        return summary.issues.length
      })
      .toBeGreaterThan(0)
    expect(JSON.stringify(summary.issues)).toMatch(/keyAction.*deadline.*1850/)
    const list = (await (await server.api('/api/conventions')).json()) as {
      conventions: { id: string; issues: number }[]
    }
    expect(list.conventions.find((c) => c.id === storedId)!.issues).toBeGreaterThan(0)
    // the export is valid (the year reads as unset), and nothing was dropped from the document
    const exported = (await (await server.api(`/api/conventions/${storedId}/export?format=json`)).json()) as Convention
    const exportedFiche = exported.content.find((b) => b.type === 'ficheAction')
    expect(exportedFiche?.type === 'ficheAction' && exportedFiche.keyActions[0]!.deadline).toBeNull()
    expect(findElements(reader.doc, 'keyAction')[0]!.getAttribute('deadline')).toBe(1850)
    reader.destroy()
  })
})
