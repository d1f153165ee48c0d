import { parseArgs } from 'node:util'
import { loadSecret } from '../auth/secret.js'
import { TokenService } from '../auth/tokens.js'
import { readConfig, resolveConfig } from '../config.js'

/** `npm run token -- --user ID --name NAME [--ttl SECONDS]`: prints a bearer token as the last line. */
const { values } = parseArgs({
  options: { user: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string' } },
})
if (!values.user || !values.name) {
  console.error('usage: npm run token -- --user ID --name NAME [--ttl SECONDS]')
  process.exit(2)
}
const config = resolveConfig(readConfig())
const ttl = values.ttl ? Number(values.ttl) : config.tokenTtlSeconds
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error('--ttl must be a positive number of seconds')
  process.exit(2)
}
const tokens = new TokenService(loadSecret(config.dataDir, config.secret), ttl)
console.log(await tokens.issue({ id: values.user, name: values.name }))
