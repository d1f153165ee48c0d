import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import fileDurations from './fileDurations.json' with { type: 'json' }

const recorded: Record<string, number> = fileDurations

/**
 * Runs the longest test files first, whatever their project, so that the two workers finish
 * together instead of one running a minute-long file alone at the end. vitest orders by the
 * durations it cached on this machine, and without a cache (a fresh clone, as CI is) by file
 * size, browser files first: the long integration files then started last. The durations come
 * from vitest's cache when it has them, else from `fileDurations.json` (a full run's, written
 * by `node scripts/fileDurations.mjs`); a file in neither goes first, being possibly long.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const duration = (spec: TestSpecification) => {
      const cached = this.ctx.cache.getTestSpecificationResult(spec)?.duration
      if (cached !== undefined) return cached / 1000
      return recorded[relative(spec.project.config.root, spec.moduleId)] ?? Number.POSITIVE_INFINITY
    }
    const weights = new Map(files.map((spec) => [spec, duration(spec)]))
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!)
  }
}
