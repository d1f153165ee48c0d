// Writes tests/setup/fileDurations.json from a full run's tests/output/results.json (vitest's JSON
// reporter): each test file's duration in seconds, which tests/setup/longestFirst.ts orders by.
// Run after a full `npm test` on a quiet machine: node scripts/fileDurations.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const results = JSON.parse(readFileSync(join(root, 'tests', 'output', 'results.json'), 'utf8'))
const durations = Object.fromEntries(
  results.testResults
    .map((file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 1000)])
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)),
)
writeFileSync(join(root, 'tests', 'setup', 'fileDurations.json'), JSON.stringify(durations, null, 2) + '\n')
console.log(`${Object.keys(durations).length} files, ${Object.values(durations).reduce((a, b) => a + b, 0)} s in all`)
