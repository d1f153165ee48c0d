import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readMeta } from '@ctg/shared'
import { createCtgServer, readConfig, Y_DOC_OPTIONS } from '@ctg/server'
import * as Y from 'yjs'
import { directConnections, runServerChild } from './serverChild.js'

/**
 * Our server, as `npm start` assembles it (createCtgServer: every extension, SQLite in a
 * temporary DATA_DIR). A variant (e.g. DURABLE_ACK=0), and settings given in the shell's
 * CTG_BENCH_ENV (e.g. `CTG_BENCH_ENV='{"COMMIT_WINDOW_MS":"200"}'`), come as JSON in CTG_BENCH_ENV
 * and are read by readConfig like production settings; nothing else from the environment is, so a
 * DATABASE_URL or REDIS_URL set in the shell does not change what is measured.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ctg-bench-'))
const config = readConfig({
  ...(JSON.parse(process.env.CTG_BENCH_ENV ?? '{}') as Record<string, string>),
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  QUIET: '1',
  CTG_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
})
const ctg = await createCtgServer(config)

/** conventions and participants so far: whichever comes second is made a member of the other */
const seeded: string[] = []
const participants: { id: string; role: 'editor' | 'commenter' }[] = []

runServerChild({
  port: ctg.port,
  seed: async (state, names) => {
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    Y.applyUpdate(ydoc, state)
    const { title, period } = readMeta(ydoc)
    ydoc.destroy()
    for (const id of names) {
      await ctg.store.create({ id, title, period, createdBy: 'u-bench', state })
      seeded.push(id)
      for (const user of participants) await ctg.store.members.setRole(id, user.id, user.role, 'u-bench')
    }
  },
  // one user per client, as in a plenary: limits and update budgets are per user; each edits every convention
  tokens: (count, role = 'editor') => {
    const first = participants.length
    return Promise.all(
      Array.from({ length: count }, async (_, k) => {
        const i = first + k
        const user = { id: `u-bench-${i}`, name: `Participant ${i}` }
        await ctg.store.members.rememberUser(user)
        participants.push({ id: user.id, role })
        for (const id of seeded) await ctg.store.members.setRole(id, user.id, role, 'u-bench')
        return ctg.tokens.issue(user)
      }),
    )
  },
  ...directConnections(ctg.server.hocuspocus),
  stop: async () => {
    await ctg.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
})
