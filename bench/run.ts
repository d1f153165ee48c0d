import { main as comments } from './comments.js'
import { main as compaction } from './compaction.js'
import { main as durability } from './durability.js'
import { main as fanout } from './fanout.js'
import { main as idleConnections } from './idleConnections.js'
import { main as largeConvention } from './largeConvention.js'
import { main as versions } from './versions.js'
import { main as plenary } from './plenary.js'
import { main as plenaryRequests } from './plenaryRequests.js'
import { main as exportsBench } from './exports.js'

/**
 * `npm run bench` runs every benchmark; `npm run bench -- fanout [options]` runs one (options
 * go to it). Each writes its section of bench/results.md.
 */
const BENCHES: Record<string, (argv: string[]) => Promise<void>> = {
  fanout,
  durability,
  large: largeConvention,
  idle: idleConnections,
  comments,
  versions,
  plenary,
  'plenary-requests': plenaryRequests,
  compaction,
  exports: exportsBench,
}

const argv = process.argv.slice(2)
const names = argv.filter((a) => a in BENCHES)
const options = argv.filter((a) => !(a in BENCHES))
const unknown = options.filter((a) => !a.startsWith('-') && names.length === 0)
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose among ${Object.keys(BENCHES).join(', ')}`)
  process.exit(2)
}
if (names.length !== 1 && options.length > 0) {
  console.error('options apply to one benchmark: npm run bench -- fanout --clients 300')
  process.exit(2)
}

const t0 = performance.now()
for (const name of names.length ? names : Object.keys(BENCHES)) {
  console.log(`\n=== ${name} ===`)
  await BENCHES[name]!(options)
}
console.log(`\nAll done in ${((performance.now() - t0) / 1000).toFixed(0)} s.`)
process.exit(0)
