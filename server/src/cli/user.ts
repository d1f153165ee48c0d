import { createId, ORGANISATION_KINDS, type OrganisationKind } from '@ctg/shared'
import { parseArgs } from 'node:util'
import { createInvitationLink } from '../auth/invitationCodes.js'
import { RedisAccessBus } from '../access/RedisAccessBus.js'
import { readConfig, resolveConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openConventionStore } from '../storage/openConventionStore.js'

/**
 * `npm run user -- --email E --name N [--organisation-kind caf|epci|commune|partenaire]
 * [--organisation NAME] [--url http://host:port]`: an administrator creates an account and
 * gets the link (last line) its holder opens to choose a password.
 * `npm run user -- --email E --reset`: a link to choose a new password (forgotten password).
 * `npm run user -- --email E --sign-out-everywhere`: ends every session of the account (a lost
 * laptop); open sockets close at once through Redis when REDIS_URL is set, else within
 * SESSION_RECHECK_MS on each running process.
 * No password goes through the command line or its history.
 */
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    'organisation-kind': { type: 'string' },
    organisation: { type: 'string' },
    url: { type: 'string' },
    reset: { type: 'boolean' },
    'sign-out-everywhere': { type: 'boolean' },
  },
})
const kind = values['organisation-kind'] ?? 'caf'
const signOutEverywhere = values['sign-out-everywhere'] === true
if (
  !values.email ||
  !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) ||
  (!values.reset && !signOutEverywhere && !values.name?.trim())
) {
  console.error(
    'usage: npm run user -- --email E (--name "N" [--organisation-kind caf] [--organisation "Caf …"] | --reset | --sign-out-everywhere) [--url URL]',
  )
  process.exit(2)
}
if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
  console.error(`--organisation-kind must be one of ${ORGANISATION_KINDS.join(', ')}`)
  process.exit(2)
}
const config = resolveConfig(readConfig())
const store = await openConventionStore(config)
const origin = values.url ?? `http://localhost:${config.port}`
try {
  if (signOutEverywhere) await endEverySession(values.email)
  else if (values.reset) await resetLink(values.email)
  else await accountLink(values.email, values.name!)
} finally {
  await store.close()
}

async function endEverySession(email: string) {
  const found = await store.accounts.credentialsByEmail(email)
  if (!found) {
    console.error(`${email} has no account`)
    process.exitCode = 1
    return
  }
  const ended = await store.accounts.endAllSessions(found.user.id)
  if (config.redisUrl && ended.length > 0) {
    // the running processes close the sessions' sockets at once (else at their next re-check)
    const bus = new RedisAccessBus({ url: config.redisUrl, prefix: config.redisPrefix }, createLogger(true))
    try {
      for (const sessionId of ended) await bus.announce({ type: 'sessionEnded', sessionId })
    } finally {
      await bus.close()
    }
  }
  console.log(
    `${ended.length} session${ended.length > 1 ? 's' : ''} ended for ${found.user.name} <${found.user.email}>`,
  )
}

async function resetLink(email: string) {
  const found = await store.accounts.credentialsByEmail(email)
  if (!found || !(await store.accounts.hasAccount(found.user.id))) {
    console.error(`${email} has no account: create one without --reset`)
    process.exitCode = 1
    return
  }
  console.log(`New password for ${found.user.name} <${found.user.email}>: open this link`)
  const invitation = { userId: found.user.id, conventionId: null, role: null, invitedBy: null }
  console.log(await createInvitationLink(store.accounts, origin, invitation, 'reset'))
}

async function accountLink(email: string, name: string) {
  const user = await store.members.userByEmail(
    {
      email,
      name: name.trim(),
      organisationKind: kind as OrganisationKind,
      organisationName: values.organisation ?? null,
    },
    createId('u-'),
  )
  if (await store.accounts.hasAccount(user.id)) {
    console.error(`${user.email} already has an account (a forgotten password: --reset)`)
    process.exitCode = 1
  } else {
    console.log(`Account for ${user.name} <${user.email}>: open this link to choose a password`)
    console.log(
      await createInvitationLink(store.accounts, origin, {
        userId: user.id,
        conventionId: null,
        role: null,
        invitedBy: null,
      }),
    )
  }
}
