import type { Convention } from '../export/conventionModel.js'
import { ficheNumber, keyActionNumber } from '../rules/numbering.js'

/**
 * The numbers of the text an avenant amends, by id: what the avenant's editor and its
 * export number from (`GET /api/conventions/:id/numbering`, docs/api.md).
 */
export interface AmendedNumbers {
  /** fiche id → its number in the amended text */
  fiches: Record<string, number>
  /** key action id → its number in the amended text ("3.11") */
  keyActions: Record<string, string>
}

export function amendedNumbersOf(amended: Convention['content']): AmendedNumbers {
  const numbers: AmendedNumbers = { fiches: {}, keyActions: {} }
  for (const block of amended) {
    if (block.type !== 'ficheAction') continue
    numbers.fiches[block.id] = block.number
    for (const action of block.keyActions) numbers.keyActions[action.id] = action.number
  }
  return numbers
}

/** Numbers fiches and key actions met in document order; one numberer per pass over the document. */
export interface Numberer {
  fiche(id: string): number
  keyAction(ficheId: string, ficheNumber: number, actionId: string): string
}

/** Document order alone (a convention that amends nothing): fiches 1, 2 …; key actions 3.1, 3.2 … */
function orderNumberer(): Numberer {
  let fiches = 0
  const actions = new Map<string, number>()
  return {
    fiche: () => ficheNumber(fiches++),
    keyAction: (ficheId, number) => {
      const index = actions.get(ficheId) ?? 0
      actions.set(ficheId, index + 1)
      return keyActionNumber(number, index)
    },
  }
}

/**
 * An avenant numbered as the convention it amends: a fiche or key action that was there
 * keeps its number (even if others were removed or moved), a new fiche takes the next free
 * number, a new key action the next free one in its fiche (after 3.11, 3.12). A removed one
 * leaves its number unused; the amendments list it as removed.
 */
export function numbererFor(amended: AmendedNumbers | null): Numberer {
  if (!amended) return orderNumberer()
  let lastFiche = Math.max(0, ...Object.values(amended.fiches))
  /** per fiche number: the highest key action suffix used so far (amended text first) */
  const lastAction = new Map<number, number>()
  for (const number of Object.values(amended.keyActions)) {
    const [fiche, suffix] = number.split('.').map(Number)
    if (Number.isFinite(fiche) && Number.isFinite(suffix))
      lastAction.set(fiche!, Math.max(lastAction.get(fiche!) ?? 0, suffix!))
  }
  return {
    fiche: (id) => amended.fiches[id] ?? ++lastFiche,
    keyAction: (_ficheId, number, actionId) => {
      const kept = amended.keyActions[actionId]
      if (kept) return kept
      const next = (lastAction.get(number) ?? 0) + 1
      lastAction.set(number, next)
      return `${number}.${next}`
    },
  }
}

/** The content of an avenant numbered as the convention it amends (see `numbererFor`). */
export function stableNumbers(content: Convention['content'], amended: Convention['content']): Convention['content'] {
  const numberer = numbererFor(amendedNumbersOf(amended))
  return content.map((block) => {
    if (block.type !== 'ficheAction') return block
    const number = numberer.fiche(block.id)
    const keyActions = block.keyActions.map((action) => ({
      ...action,
      number: numberer.keyAction(block.id, number, action.id),
    }))
    return { ...block, number, keyActions }
  })
}
