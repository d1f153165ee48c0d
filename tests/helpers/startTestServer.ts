import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '@ctg/shared'
import { createCtgServer, readConfig, type CtgServer } from '@ctg/server'

export interface TestServer {
  ctg: CtgServer
  port: number
  httpUrl: string
  wsUrl: string
  dataDir: string
  /** a valid bearer token for the given user */
  token(user?: { id: string; name: string }): Promise<string>
  /** a token for `user`, made a member of the convention with `role` (as an owner would share it) */
  memberToken(conventionId: string, user: { id: string; name: string }, role?: Role): Promise<string>
  /** authenticated fetch against the API */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>
  stop(): Promise<void>
}

/**
 * Starts the real server on a free loopback port with its data in a temporary
 * directory (or `dataDir`, to restart on the same data).
 */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ctg-test-'))
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    QUIET: '1',
    CTG_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    ...options.env,
  })
  const ctg = await createCtgServer(config)
  const httpUrl = `http://127.0.0.1:${ctg.port}`
  const defaultToken = await ctg.tokens.issue({ id: 'u-test', name: 'Testeuse' })
  return {
    ctg,
    port: ctg.port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${ctg.port}/collab`,
    dataDir,
    token: (user = { id: 'u-test', name: 'Testeuse' }) => ctg.tokens.issue(user),
    memberToken: async (conventionId, user, role = 'editor') => {
      await ctg.store.members.rememberUser(user)
      await ctg.store.members.setRole(conventionId, user.id, role, 'u-test')
      return ctg.tokens.issue(user)
    },
    api: (path, init = {}) => {
      const { token = defaultToken, ...rest } = init
      const headers = new Headers(rest.headers)
      if (token) headers.set('Authorization', `Bearer ${token}`)
      if (rest.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
      return fetch(httpUrl + path, { ...rest, headers })
    },
    stop: () => ctg.stop(),
  }
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
}
