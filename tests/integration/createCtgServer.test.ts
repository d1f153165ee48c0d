import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCtgServer, readConfig, resolveConfig, type ServerConfig } from '@ctg/server'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { afterEach, describe, expect, it } from 'vitest'
import { removeDir } from '../helpers/startTestServer.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The rows of the README's settings table: variable and default, as written. */
function readmeSettings(): { variable: string; written: string }[] {
  const from = README.indexOf('## Settings (environment)')
  const table = README.slice(from, README.indexOf('\n## ', from + 1))
  return [...table.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ variable: m[1]!, written: m[2]!.trim() }))
}

/** `MAX_FRAME_BYTES` → `maxFrameBytes`; `CTG_SECRET` is the one renamed (`secret`). */
function optionName(variable: string): string {
  if (variable === 'CTG_SECRET') return 'secret'
  return variable.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** What the README's default column means, as a value (undefined: unset). */
function readmeDefault(written: string): unknown {
  if (written === 'unset' || written.startsWith('unset ') || written.startsWith('generated')) return undefined
  const units: Record<string, number> = { days: 24 * 3600, hour: 3_600_000, MiB: 1024 * 1024, KiB: 1024 }
  const unit = /^(\d+) (days|hour|MiB|KiB)$/.exec(written)
  if (unit) return Number(unit[1]) * units[unit[2]!]!
  const literal = /^`(.*)`$/.exec(written)![1]!
  return /^\d+$/.test(literal) ? Number(literal) : literal
}

/** The resolved value of an option, wherever the server keeps it. */
function resolvedValue(config: ServerConfig, option: string): unknown {
  const nested: Record<string, unknown> = {
    loginFailuresPerAddress: config.loginLimits.failuresPerAddress,
    loginFailuresPerAccount: config.loginLimits.failuresPerAccount,
    versionAutoIntervalMs: config.versions.autoIntervalMs,
  }
  if (option in nested) return nested[option]
  if (option in config.limits) return config.limits[option as keyof ServerConfig['limits']]
  return config[option as keyof ServerConfig]
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

describe('createCtgServer(options?)', () => {
  it('every setting of the README is an option under its camelCase name, with the README’s default', () => {
    const settings = readmeSettings()
    expect(settings.length).toBeGreaterThan(30)
    const defaults = resolveConfig({})
    for (const { variable, written } of settings) {
      const option = optionName(variable)
      // the CLI maps the variable onto that option
      const sample = variable === 'TRUST_PROXY' ? '1' : /URL|HOST|DIR|NAME|PREFIX|SECRET/.test(variable) ? 'x' : '7'
      expect(readConfig({ [variable]: sample }), variable).toHaveProperty(option)
      const expected = variable === 'DATA_DIR' ? resolve('./data') : readmeDefault(written)
      const actual = resolvedValue(defaults, option)
      expect(actual === false && variable === 'TRUST_PROXY' ? undefined : actual, `${option} (${variable})`).toEqual(
        expected,
      )
    }
    // and the embedding API serves no web client unless told
    expect(defaults.clientDir).toBeUndefined()
  })

  it('refuses an option out of range, naming it', async () => {
    await expect(createCtgServer({ port: -1 })).rejects.toThrow('port')
    await expect(createCtgServer({ maxFrameBytes: Number.NaN })).rejects.toThrow('maxFrameBytes')
    await expect(
      createCtgServer({
        oidc: { issuer: 'https://id.example', clientId: '', clientSecret: 's', redirectUri: 'https://ctg.example/cb' },
      }),
    ).rejects.toThrow('oidc.clientId')
  })

  it('listens itself, resolves to { port, stop() }, and reads nothing from the environment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-embed-'))
    cleanups.push(() => removeDir(dataDir))
    // settings the CLI would obey: the embedding API must not
    const saved = { ...process.env }
    cleanups.push(() => {
      process.env = saved
    })
    const elsewhere = mkdtempSync(join(tmpdir(), 'ctg-env-'))
    cleanups.push(() => removeDir(elsewhere))
    Object.assign(process.env, {
      PORT: '1',
      DATA_DIR: elsewhere,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
      CTG_SECRET: 'a-secret-from-the-environment-that-must-be-ignored',
      MAX_BODY_BYTES: '10',
    })

    const { port, stop } = await createCtgServer({ port: 0, host: '127.0.0.1', dataDir, quiet: true })
    expect(port).toBeGreaterThan(0)
    const http = `http://127.0.0.1:${port}`
    // its own data directory, SQLite and a generated secret; nothing in DATA_DIR
    expect(existsSync(join(dataDir, 'ctg.sqlite'))).toBe(true)
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true)
    expect(existsSync(join(elsewhere, 'ctg.sqlite'))).toBe(false)
    expect((await fetch(`${http}/api/me`)).status).toBe(401)
    // a body over MAX_BODY_BYTES (10) but well under the default reaches the route
    const tooBigForEnv = await fetch(`${http}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'personne@example.fr', password: 'pas le bon mot de passe' }),
    })
    expect(tooBigForEnv.status).toBe(401)
    // no web client unless `clientDir` is given
    expect((await fetch(`${http}/`)).status).toBe(404)
    await stop()
    await expect(fetch(`${http}/api/me`)).rejects.toThrow()
  })

  it('serves a convention, and the web client from `clientDir`', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-embed-'))
    const clientDir = join(dataDir, 'client')
    mkdirSync(clientDir)
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Intranet Caf</title>')
    cleanups.push(() => removeDir(dataDir))
    const ctg = await createCtgServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir,
      quiet: true,
      secret: 'embedded-secret-that-is-long-enough-for-hs256',
    })
    cleanups.push(() => ctg.stop())
    const http = `http://127.0.0.1:${ctg.port}`
    expect(await (await fetch(`${http}/c/une-convention`)).text()).toContain('Intranet Caf')

    const token = await ctg.tokens.issue({ id: 'u-host', name: 'Application hôte' })
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    const created = await fetch(`${http}/api/conventions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ convention: smallConvention() }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const exported = await fetch(`${http}/api/conventions/${id}/export?format=json`, { headers })
    expect(exported.status).toBe(200)
    expect(((await exported.json()) as { title: string }).title).toBe(smallConvention().title)
  })
})
