import { conventionSchema } from '@ctg/extensions'
import { Y_FRAGMENT_NAME, Y_META_NAME } from '@ctg/shared'
import type { Limits } from '../config.js'
import type { Logger } from '../logger.js'
import { UpdateSandbox } from './UpdateSandbox.js'

/** The sandbox for this product's documents: the editor schema's node and mark names, the two root types. */
export function createUpdateSandbox(limits: Limits, logger: Logger): UpdateSandbox {
  const names = {
    nodes: Object.keys(conventionSchema.nodes).filter(
      (name) => name !== 'text' && name !== conventionSchema.topNodeType.name,
    ),
    marks: Object.keys(conventionSchema.marks),
    roots: [Y_FRAGMENT_NAME, Y_META_NAME],
  }
  return new UpdateSandbox({ names, timeoutMs: limits.updateTimeoutMs, logger })
}
