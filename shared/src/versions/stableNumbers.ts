import type { Convention } from '../export/conventionModel.js'

/**
 * The content of an avenant numbered as the convention it amends: a fiche or key action
 * that was there keeps its number (even if others were removed or moved), a new fiche
 * takes the next free number, a new key action the next free one in its fiche (after
 * 3.11, 3.12). A removed one leaves its number unused; the amendments list it as removed.
 */
export function stableNumbers(content: Convention['content'], amended: Convention['content']): Convention['content'] {
  const ficheNumbers = new Map<string, number>()
  const actionNumbers = new Map<string, string>()
  /** per fiche id: the highest key action suffix used in the amended text */
  const lastAction = new Map<string, number>()
  let lastFiche = 0
  for (const block of amended) {
    if (block.type !== 'ficheAction') continue
    ficheNumbers.set(block.id, block.number)
    lastFiche = Math.max(lastFiche, block.number)
    for (const action of block.keyActions) {
      actionNumbers.set(action.id, action.number)
      const suffix = Number(action.number.split('.').pop())
      if (Number.isFinite(suffix)) lastAction.set(block.id, Math.max(lastAction.get(block.id) ?? 0, suffix))
    }
  }
  return content.map((block) => {
    if (block.type !== 'ficheAction') return block
    const number = ficheNumbers.get(block.id) ?? ++lastFiche
    let last = lastAction.get(block.id) ?? 0
    const keyActions = block.keyActions.map((action) => ({
      ...action,
      number: actionNumbers.get(action.id) ?? `${number}.${++last}`,
    }))
    return { ...block, number, keyActions }
  })
}
