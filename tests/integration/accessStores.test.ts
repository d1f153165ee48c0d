import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { LastOwnerError, PostgresConventionStore, SqliteConventionStore, type ConventionStore } from '@ctg/server'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir } from '../helpers/startTestServer.js'
import { createTestDatabase } from '../helpers/testDatabase.js'

/** One engine: a fresh store, and raw SQL on its database from outside the store. */
interface Engine {
  name: string
  open(): Promise<{ store: ConventionStore; sql(statement: string): Promise<void>; reopen(): Promise<ConventionStore> }>
}

const cleanups: (() => Promise<void>)[] = []

const engines: Engine[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ctg-access-'))
      const file = join(dir, 'ctg.sqlite')
      let store = new SqliteConventionStore(file)
      cleanups.push(async () => {
        await store.close()
        removeDir(dir)
      })
      return {
        store,
        reopen: async () => {
          await store.close()
          return (store = new SqliteConventionStore(file))
        },
        sql: async (statement) => {
          const db = new DatabaseSync(file)
          try {
            db.exec(statement)
          } finally {
            db.close()
          }
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const database = await createTestDatabase()
      let store = await PostgresConventionStore.open(database.url)
      cleanups.push(async () => {
        await store.close()
        await database.drop()
      })
      return {
        store,
        reopen: async () => {
          await store.close()
          return (store = await PostgresConventionStore.open(database.url))
        },
        sql: async (statement) => {
          const client = new pg.Client({ connectionString: database.url })
          await client.connect()
          try {
            await client.query(statement)
          } finally {
            await client.end()
          }
        },
      }
    },
  },
]

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

const convention = (id: string, createdBy: string) => ({
  id,
  title: 'CTG essai',
  period: { start: 2026, end: 2030 },
  createdBy,
  state: new Uint8Array([0, 0]),
})

describe.each(engines)('memberships and activity on $name', (engine) => {
  it('the creator owns the convention; roles change; the last owner stays', async () => {
    const { store } = await engine.open()
    await store.create(convention('c-one', 'u-claire'))
    expect(await store.members.roleOf('c-one', 'u-claire')).toBe('owner')
    expect(await store.members.roleOf('c-one', 'u-other')).toBeNull()

    const invited = await store.members.userByEmail(
      { email: 'Elodie.Martin@EPCI.fr', name: 'Élodie Martin', organisationKind: 'epci', organisationName: 'CA PAA' },
      'u-elodie',
    )
    const again = await store.members.userByEmail(
      { email: 'elodie.martin@epci.fr', name: 'Autre', organisationKind: 'epci' },
      'u-new',
    )
    expect(again.id).toBe(invited.id)
    await store.members.setRole('c-one', invited.id, 'reader', 'u-claire')
    expect(await store.members.rolesOf(invited.id)).toEqual(new Map([['c-one', 'reader']]))
    const members = await store.members.members('c-one')
    expect(members.map((m) => [m.id, m.role])).toEqual([
      ['u-claire', 'owner'],
      ['u-elodie', 'reader'],
    ])
    expect(members[1]).toMatchObject({
      email: 'elodie.martin@epci.fr',
      organisationKind: 'epci',
      grantedBy: 'u-claire',
    })

    await expect(store.members.setRole('c-one', 'u-claire', 'editor', 'u-claire')).rejects.toThrow(LastOwnerError)
    await expect(store.members.remove('c-one', 'u-claire')).rejects.toThrow(LastOwnerError)
    expect(await store.members.roleOf('c-one', 'u-claire')).toBe('owner')
    await store.members.setRole('c-one', invited.id, 'owner', 'u-claire')
    expect(await store.members.remove('c-one', 'u-claire')).toBe(true)
  })

  it('the activity log is append-only: the database refuses UPDATE and DELETE', async () => {
    const { store, sql } = await engine.open()
    await store.create(convention('c-two', 'u-claire'))
    await store.activity.append({ conventionId: 'c-two', userId: 'u-claire', userName: 'Claire', action: 'created' })
    await store.activity.append({
      conventionId: 'c-two',
      userId: 'u-claire',
      userName: 'Claire',
      action: 'exported',
      detail: { format: 'json' },
    })
    const entries = await store.activity.list('c-two', { limit: 10 })
    expect(entries.map((e) => e.action)).toEqual(['exported', 'created'])
    expect(entries[0]!.detail).toEqual({ format: 'json' })
    expect(await store.activity.list('c-two', { limit: 10, before: entries[0]!.seq })).toHaveLength(1)

    await expect(sql("UPDATE activity SET user_name = 'Quelqu’un d’autre'")).rejects.toThrow(/append-only/)
    await expect(sql('DELETE FROM activity')).rejects.toThrow(/append-only/)
    expect(await store.activity.list('c-two', { limit: 10 })).toHaveLength(2)
  })
})

describe.each(engines)('versions recorded before their tables were a migration, on $name', (engine) => {
  it('are kept when the migration that creates the tables runs over them', async () => {
    const { store, sql, reopen } = await engine.open()
    await store.create(convention('c-versions', 'u-claire'))
    const version = {
      id: 'v-1',
      conventionId: 'c-versions',
      kind: 'named' as const,
      name: 'Version présentée au COPIL',
      status: 'draft' as const,
      createdAt: '2026-03-12T10:00:00.000Z',
      authorId: 'u-claire',
      authorName: 'Claire',
      sha256: 'a'.repeat(64),
      summary: 'Première version',
      state: new Uint8Array([0, 0]),
      json: '{}',
    }
    await store.versions.add(version)
    // the database as the previous release left it: the version tables there, their migration not run
    await sql(
      engine.name === 'SQLite' ? 'PRAGMA user_version = 9' : 'UPDATE ctg_schema_version SET version = version - 1',
    )
    const reopened = await reopen()
    expect(await reopened.versions.list('c-versions')).toEqual([
      expect.objectContaining({ id: 'v-1', summary: 'Première version' }),
    ])
    expect((await reopened.versions.read('c-versions', 'v-1'))!.state).toEqual(version.state)
  })
})

describe('a SQLite file from before roles', () => {
  it('makes each convention’s creator its owner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctg-access-'))
    const file = join(dir, 'ctg.sqlite')
    const db = new DatabaseSync(file)
    // the schema at version 2
    db.exec(`CREATE TABLE conventions (id TEXT PRIMARY KEY, title TEXT NOT NULL, period_start INTEGER NOT NULL,
      period_end INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL,
      snapshot BLOB NOT NULL, issues TEXT NOT NULL DEFAULT '[]', snapshot_version INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE convention_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT,
      convention_id TEXT NOT NULL REFERENCES conventions (id) ON DELETE CASCADE, "update" BLOB NOT NULL);
      INSERT INTO conventions VALUES ('c-old', 'Ancienne', 2025, 2029, '2025-01-01', '2025-01-01', 'u-old', x'0000', '[]', 0);
      PRAGMA user_version = 2;`)
    db.close()
    const store = new SqliteConventionStore(file)
    expect(await store.members.roleOf('c-old', 'u-old')).toBe('owner')
    await store.close()
    removeDir(dir)
  })
})

describe.each(engines)('accounts, invitations and sessions on $name', (engine) => {
  it('keeps credentials, links an OIDC subject to an invited e-mail once, and accepts an invitation once', async () => {
    const { store } = await engine.open()
    expect(await store.accounts.anyAccount()).toBe(false)
    const invited = await store.members.userByEmail(
      { email: 'Nadia@Caf.fr', name: 'Nadia', organisationKind: 'caf' },
      'u-nadia',
    )
    expect(await store.accounts.hasAccount(invited.id)).toBe(false)
    await store.accounts.createInvitation({
      codeHash: 'h1',
      userId: invited.id,
      conventionId: null,
      role: null,
      invitedBy: null,
      purpose: 'account',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    })
    expect(await store.accounts.invitation('h1')).toMatchObject({ userId: 'u-nadia', acceptedAt: null })
    // two tabs accepting at once: one wins
    const accepted = await Promise.all([store.accounts.acceptInvitation('h1'), store.accounts.acceptInvitation('h1')])
    expect(accepted.sort()).toEqual([false, true])
    expect((await store.accounts.invitation('h1'))!.acceptedAt).not.toBeNull()

    await store.accounts.setPassword(invited.id, '$argon2id$fake', { name: 'Nadia B.' })
    expect(await store.accounts.credentialsByEmail('NADIA@caf.fr')).toMatchObject({
      user: { id: 'u-nadia', name: 'Nadia B.' },
      passwordHash: '$argon2id$fake',
    })
    expect(await store.accounts.anyAccount()).toBe(true)

    // the provider's first sign-in with the invited address is the invited user
    const viaOidc = await store.accounts.userForOidc({ subject: 'pc-1', email: 'nadia@caf.fr', name: 'N' }, 'u-x')
    expect(viaOidc.id).toBe('u-nadia')
    const again = await store.accounts.userForOidc({ subject: 'pc-1', email: 'autre@caf.fr', name: 'N' }, 'u-y')
    expect(again.id).toBe('u-nadia')
    // the same address through another identity provider: another subject, the same person
    const otherProvider = await store.accounts.userForOidc({ subject: 'pc-9', email: 'nadia@caf.fr', name: 'N' }, 'u-z')
    expect(otherProvider.id).toBe('u-nadia')
    const stranger = await store.accounts.userForOidc(
      { subject: 'pc-2', email: 'Paul@EPCI.fr', name: 'Paul' },
      'u-paul',
    )
    expect(stranger).toMatchObject({ id: 'u-paul', email: 'paul@epci.fr', name: 'Paul' })
    expect(await store.accounts.hasAccount('u-paul')).toBe(true)
  })

  it('remembers ended sessions, and forgets those that expired anyway', async () => {
    const { store } = await engine.open()
    await store.accounts.endSession('session-expired-long-ago', 'u-a', new Date(Date.now() - 1000))
    await store.accounts.endSession('session-still-valid-1', 'u-a', new Date(Date.now() + 60_000))
    await store.accounts.endSession('session-still-valid-1', 'u-a', new Date(Date.now() + 60_000))
    expect(await store.accounts.isSessionEnded('session-still-valid-1')).toBe(true)
    expect(await store.accounts.isSessionEnded('session-never-ended-1')).toBe(false)
    // the next sign-out sweeps rows whose token has expired by itself
    expect(await store.accounts.isSessionEnded('session-expired-long-ago')).toBe(false)
  })
})
