import { createId, ORGANISATION_KINDS, type OrganisationKind } from '@ctg/shared'
import { parseArgs } from 'node:util'
import { createInvitationLink } from '../auth/invitationCodes.js'
import { readConfig } from '../config.js'
import { openConventionStore } from '../storage/openConventionStore.js'

/**
 * `npm run user -- --email E --name N [--organisation-kind caf|epci|commune|partenaire]
 * [--organisation NAME] [--url http://host:port]`: an administrator creates an account and
 * gets the link (last line) its holder opens to choose a password.
 * `npm run user -- --email E --reset`: a link to choose a new password (forgotten password).
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
  },
})
const kind = values['organisation-kind'] ?? 'caf'
if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) || (!values.reset && !values.name?.trim())) {
  console.error(
    'usage: npm run user -- --email E --name "N" [--organisation-kind caf] [--organisation "Caf …"] [--url URL]',
  )
  process.exit(2)
}
if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
  console.error(`--organisation-kind must be one of ${ORGANISATION_KINDS.join(', ')}`)
  process.exit(2)
}
const config = readConfig()
const store = await openConventionStore(config)
const origin = values.url ?? `http://localhost:${config.port}`
try {
  if (values.reset) await resetLink(values.email)
  else await accountLink(values.email, values.name!)
} finally {
  await store.close()
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
