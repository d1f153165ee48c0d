import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readMeta } from '@ctg/shared'
import { createCtgServer, readConfig, Y_DOC_OPTIONS } from '@ctg/server'
import * as Y from 'yjs'
import { directConnections, runServerChild } from './serverChild.js'

/**
 * Our server, as `npm start` assembles it (createCtgServer: every extension, SQLite in a
 * temporary DATA_DIR). Variants (e.g. without the durable log) come in through the
 * environment, read by readConfig like in production.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ctg-bench-'))
const config = readConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  QUIET: '1',
  CTG_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
})
const ctg = await createCtgServer(config)

runServerChild({
  port: ctg.port,
  seed: async (state, names) => {
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    Y.applyUpdate(ydoc, state)
    const { title, period } = readMeta(ydoc)
    ydoc.destroy()
    for (const id of names) await ctg.store.create({ id, title, period, createdBy: 'u-bench', state })
  },
  token: () => ctg.tokens.issue({ id: 'u-bench', name: 'Banc d’essai' }),
  ...directConnections(ctg.server.hocuspocus),
  stop: async () => {
    await ctg.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
})
