import type { Extension } from '@hocuspocus/server'

/**
 * Hocuspocus runs every hook (onUpgrade, onAuthenticate, beforeHandleMessage, beforeSync,
 * onChange, onStoreDocument…) through the extensions by `priority`, highest first. Ours take
 * theirs from their place in the one list given here (createCtgServer's), so that the order
 * is read from top to bottom in one place and set nowhere else; an extension's own
 * `priority` (the Redis extension sets one) is overridden.
 */
export function inHookOrder(extensions: Extension[]): Extension[] {
  return extensions.map((extension, index) => Object.assign(extension, { priority: extensions.length - index }))
}
