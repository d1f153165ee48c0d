import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import canonicalize from 'canonicalize'
import { unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const OUTPUT = join(import.meta.dirname, '..', 'output', 'archive')
const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

/** `npm run verify-archive -- FILE` as a person runs it (the same script, offline). */
async function verify(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/verifyArchive.ts', file], {
      cwd: ROOT,
    })
    return { code: 0, output: stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

/** The archive with `change` applied to its entries, zipped again. */
function altered(zip: Uint8Array, change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(zip)
  change(entries)
  return zipSync(entries)
}

let server: TestServer
let id: string
let adopted: { id: string; sha256: string; createdAt: string }

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true })
  server = await startTestServer()
  id = await createConvention(server, exportConvention())
})
afterAll(async () => {
  await server?.stop()
})

const archive = async (query = '') => {
  const response = await server.api(`/api/conventions/${id}/archive${query}`)
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
}

describe('the archive of a version (BagIt in a ZIP)', () => {
  it('is 409 not_adopted before adoption; an unknown version is 404', async () => {
    const { response, bytes } = await archive()
    expect(response.status).toBe(409)
    expect(JSON.parse(new TextDecoder().decode(bytes)).error.code).toBe('not_adopted')
    expect((await archive('?version=v-none')).response.status).toBe(404)
  })

  it('holds the adopted version: the bag layout, its JSON whose RFC 8785 hash is the version’s, dated documents', async () => {
    const step = await server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(step.status).toBe(200)
    adopted = ((await step.json()) as { version: typeof adopted }).version
    const { response, bytes } = await archive()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/zip')
    writeFileSync(join(OUTPUT, 'adopted.zip'), bytes)
    const folder = `ctg-${id}-${adopted.id}`
    const entries = unzipSync(bytes)
    expect(Object.keys(entries)).toEqual(
      [
        'bagit.txt',
        'bag-info.txt',
        'data/convention.json',
        'data/schema.json',
        'data/convention.pdf',
        'data/convention.odt',
        'data/comments.json',
        'data/plenaries.json',
        'data/versions.json',
        'manifest-sha256.txt',
        'tagmanifest-sha256.txt',
      ].map((p) => `${folder}/${p}`),
    )
    const text = (p: string) => new TextDecoder().decode(entries[`${folder}/${p}`])
    expect(text('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    expect(text('bag-info.txt')).toContain(`CTG-Version-Id: ${adopted.id}\n`)
    expect(text('bag-info.txt')).toContain(`CTG-Version-Sha256: ${adopted.sha256}\n`)
    expect(text('bag-info.txt')).toContain(`Bagging-Date: ${adopted.createdAt.slice(0, 10)}\n`)
    const convention = JSON.parse(text('data/convention.json')) as { title: string; status: string }
    expect(createHash('sha256').update(canonicalize(convention)!, 'utf8').digest('hex')).toBe(adopted.sha256)
    expect(convention.status).toBe('adopted')
    expect(JSON.parse(text('data/versions.json')).versions[0].id).toBe(adopted.id)
    expect(JSON.parse(text('data/schema.json')).$id).toMatch(/^urn:ctg-workspace:schema:convention/)
    expect(new TextDecoder().decode(entries[`${folder}/data/convention.pdf`]!.slice(0, 5))).toBe('%PDF-')
    const manifest = text('manifest-sha256.txt')
    expect(manifest).toContain(
      `${createHash('sha256').update(entries[`${folder}/data/convention.pdf`]!).digest('hex')}  data/convention.pdf\n`,
    )
  }, 60_000)

  it('verifies, then names the file a changed byte, a removed file or an added one spoils', async () => {
    const bytes = (await archive()).bytes
    const good = join(OUTPUT, 'good.zip')
    writeFileSync(good, bytes)
    expect(await verify(good)).toMatchObject({ code: 0, output: expect.stringMatching(/^archive valide\n/) })

    const folder = `ctg-${id}-${adopted.id}`
    const flipped = join(OUTPUT, 'one-byte-changed.zip')
    writeFileSync(
      flipped,
      altered(bytes, (entries) => {
        const pdf = entries[`${folder}/data/convention.pdf`]!
        pdf[pdf.length >> 1] = pdf[pdf.length >> 1]! ^ 0x01
      }),
    )
    const afterFlip = await verify(flipped)
    expect(afterFlip.code).toBe(1)
    expect(afterFlip.output).toMatch(/^altéré : data\/convention\.pdf /m)
    expect(afterFlip.output).not.toContain('archive valide')
    expect(afterFlip.output.trim().split('\n')).toHaveLength(1)

    const removed = join(OUTPUT, 'file-removed.zip')
    writeFileSync(
      removed,
      altered(bytes, (entries) => delete entries[`${folder}/data/comments.json`]),
    )
    const afterRemoval = await verify(removed)
    expect(afterRemoval.code).toBe(1)
    expect(afterRemoval.output).toMatch(/^manquant : data\/comments\.json /m)

    const extra = join(OUTPUT, 'file-added.zip')
    writeFileSync(
      extra,
      altered(bytes, (entries) => (entries[`${folder}/data/notes.txt`] = new Uint8Array([1]))),
    )
    const afterAddition = await verify(extra)
    expect(afterAddition.code).toBe(1)
    expect(afterAddition.output).toMatch(/^en trop : data\/notes\.txt /m)

    // the convention rewritten with a manifest to match: its hash is no longer the version's
    const rewritten = join(OUTPUT, 'convention-rewritten.zip')
    writeFileSync(
      rewritten,
      altered(bytes, (entries) => {
        const path = `${folder}/data/convention.json`
        const json = new TextDecoder().decode(entries[path]).replace('"adopted"', '"signed"')
        entries[path] = new TextEncoder().encode(json)
        const sum = createHash('sha256').update(entries[path]!).digest('hex')
        const manifest = new TextDecoder().decode(entries[`${folder}/manifest-sha256.txt`])
        entries[`${folder}/manifest-sha256.txt`] = new TextEncoder().encode(
          manifest.replace(/^[0-9a-f]{64}(?= {2}data\/convention\.json$)/m, sum),
        )
      }),
    )
    const afterRewrite = await verify(rewritten)
    expect(afterRewrite.code).toBe(1)
    expect(afterRewrite.output).toMatch(/data\/convention\.json \(son empreinte RFC 8785/)
  }, 90_000)

  it('is byte-identical across downloads and server restarts; the signed version is the default once signed', async () => {
    const first = (await archive()).bytes
    const second = (await archive(`?version=${adopted.id}`)).bytes
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0)
    const dataDir = server.dataDir
    await server.stop()
    server = await startTestServer({ dataDir })
    const afterRestart = (await archive()).bytes
    expect(Buffer.compare(Buffer.from(first), Buffer.from(afterRestart))).toBe(0)

    const step = await server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'signed' }),
    })
    const signed = ((await step.json()) as { version: { id: string } }).version
    const entries = unzipSync((await archive()).bytes)
    expect(Object.keys(entries)[0]).toBe(`ctg-${id}-${signed.id}/bagit.txt`)
  }, 90_000)
})
