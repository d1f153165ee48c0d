import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // the browser and integration tests each start real servers; keep the machine's two cores for them
    maxWorkers: 2,
    env: { NODE_OPTIONS: '--disable-warning=ExperimentalWarning' },
  },
})
