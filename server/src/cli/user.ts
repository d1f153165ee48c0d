import { createId, ORGANISATION_KINDS, type OrganisationKind } from '@ctg/shared'
import { parseArgs } from 'node:util'
import { createInvitationLink } from '../auth/invitationCodes.js'
import { readConfig } from '../config.js'
import { openConventionStore } from '../storage/openConventionStore.js'

/**
 * `npm run user -- --email E --name N [--organisation-kind caf|epci|commune|partenaire]
 * [--organisation NAME] [--url http://host:port]`: an administrator creates an account and
 * gets the link (last line) its holder opens to choose a password. No password goes
 * through the command line or its history.
 */
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    'organisation-kind': { type: 'string' },
    organisation: { type: 'string' },
    url: { type: 'string' },
  },
})
const kind = values['organisation-kind'] ?? 'caf'
if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) || !values.name?.trim()) {
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
try {
  const user = await store.members.userByEmail(
    {
      email: values.email,
      name: values.name.trim(),
      organisationKind: kind as OrganisationKind,
      organisationName: values.organisation ?? null,
    },
    createId('u-'),
  )
  if (await store.accounts.hasAccount(user.id)) {
    console.error(`${user.email} already has an account`)
    process.exitCode = 1
  } else {
    const origin = values.url ?? `http://localhost:${config.port}`
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
} finally {
  await store.close()
}
