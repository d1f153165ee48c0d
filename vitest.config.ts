import { defineConfig } from 'vitest/config'
import { WORKER_BUNDLES } from './tests/setup/bundleWorkers.js'
import LongestFirst from './tests/setup/longestFirst.js'

// shared by the three projects
const common = {
  // a test's first export or version starts a worker whose modules tsx compiles first: seconds
  // on a quiet machine, over 30 s when other processes load both cores
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // the server's worker threads run the bundles that tests/setup/bundleWorkers.ts makes (startTsWorker)
  env: { NODE_OPTIONS: '--disable-warning=ExperimentalWarning', CTG_WORKER_BUNDLES: WORKER_BUNDLES },
  // a condition polled for (an export, a list refreshed) may take seconds on a busy machine:
  // the export worker's first start compiles its modules with tsx, for one
  expect: { poll: { timeout: 10_000 } },
}

export default defineConfig({
  // @ctg/* resolve to their sources through tsconfig.base.json's paths (dist/ is for the published packages)
  resolve: { tsconfigPaths: true },
  test: {
    // the browser and integration tests each start real servers; keep the machine's two cores for them
    maxWorkers: 2,
    globalSetup: ['tests/setup/bundleWorkers.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { ...common, name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          ...common,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
        },
      },
      { extends: true, test: { ...common, name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
  },
})
