import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describeBagProblem, verifyBag } from '@ctg/shared'
import { unzipSync } from 'fflate'

/**
 * `npm run verify-archive -- FILE.zip`: checks an archive offline (every hash of both
 * manifests, and the convention's RFC 8785 hash against the version's recorded sha256).
 * Prints "archive valide" and exits 0, or one line per altered, missing or extra file and exits 1.
 */
const file = process.argv[2]
if (!file || process.argv.length > 3) {
  console.error('usage : npm run verify-archive -- FICHIER.zip')
  process.exit(2)
}
let entries: Map<string, Uint8Array>
try {
  entries = new Map(Object.entries(unzipSync(readFileSync(file))))
} catch (error) {
  console.error(`${file} : archive ZIP illisible (${error instanceof Error ? error.message : String(error)})`)
  process.exit(1)
}
const check = await verifyBag(entries, async (bytes) => createHash('sha256').update(bytes).digest('hex'))
if (check.valid) {
  console.log('archive valide')
  console.log(`version ${check.versionId}, SHA-256 ${check.sha256}`)
  process.exit(0)
}
for (const problem of check.problems) console.log(describeBagProblem(problem))
process.exit(1)
