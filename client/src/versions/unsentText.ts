import { diffConventions, yDocToConvention, type Convention } from '@ctg/shared'
import type * as Y from 'yjs'

/** Where the text of refused changes waits, across the reopening of the document. */
const key = (conventionId: string) => `ctg-unsent-text:${conventionId}`

/** Keeps this device's content (with the changes the server refused) before it is discarded. */
export function keepRefusedContent(conventionId: string, ydoc: Y.Doc): void {
  try {
    sessionStorage.setItem(key(conventionId), JSON.stringify(yDocToConvention(ydoc)))
  } catch {
    // a document that cannot be read or stored: nothing to offer, the discard goes on
  }
}

export function hasRefusedContent(conventionId: string): boolean {
  return sessionStorage.getItem(key(conventionId)) !== null
}

export function forgetRefusedContent(conventionId: string): void {
  sessionStorage.removeItem(key(conventionId))
}

export interface UnsentPassage {
  /** where it was: the block, field */
  where: string
  text: string
}

/** The texts of this device's copy that the server's document does not hold: what was typed and refused. */
export function unsentPassages(conventionId: string, server: Convention): UnsentPassage[] {
  const stored = sessionStorage.getItem(key(conventionId))
  if (!stored) return []
  const local = JSON.parse(stored) as Convention
  return diffConventions(server, local).flatMap((change) => {
    if (change.op === 'changed' && typeof change.after === 'string' && change.after.trim()) {
      return [{ where: change.path, text: change.after }]
    }
    if (change.op === 'added' && change.after !== null) {
      return [{ where: change.path || 'bloc ajouté', text: textsOf(change.after).join('\n') }]
    }
    return []
  })
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : []
  if (Array.isArray(value)) return value.flatMap(textsOf)
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'id' || k === 'type' || k === 'number' ? [] : textsOf(v)))
  }
  return []
}
