import { diffConventions, stableNumbers, type Convention } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import { largeConvention } from '../fixtures/conventionFixtures.js'

type Fiche = Extract<Convention['content'][number], { type: 'ficheAction' }>
const fiches = (c: Convention) => c.content.filter((b): b is Fiche => b.type === 'ficheAction')

describe('numbers stay stable across an avenant', () => {
  it('keeps the amended numbers, gives new key actions and fiches the next free ones, and leaves removed numbers unused', () => {
    const adopted = largeConvention()
    const avenant = structuredClone(adopted)
    const [first, second] = fiches(avenant)
    expect(first!.keyActions.length).toBeGreaterThan(2)
    const removed = first!.keyActions.splice(0, 1)[0]!
    const lastNumber = Math.max(...fiches(adopted)[0]!.keyActions.map((k) => Number(k.number.split('.')[1])))
    first!.keyActions.push({ ...removed, id: 'ka-new', number: '?', label: 'Nouvelle action' })
    // the second fiche is removed: later fiches keep their numbers
    avenant.content.splice(avenant.content.indexOf(second!), 1)
    avenant.content.push({ ...structuredClone(second!), id: 'fa-new', title: 'Nouvelle fiche', keyActions: [] })

    const numbered = { ...avenant, content: stableNumbers(avenant.content, adopted.content) }
    const [f1, ...rest] = fiches(numbered)
    expect(f1!.keyActions.map((k) => k.number)).toEqual([
      ...fiches(adopted)[0]!
        .keyActions.slice(1)
        .map((k) => k.number),
      `1.${lastNumber + 1}`,
    ])
    const adoptedNumbers = new Map(fiches(adopted).map((f) => [f.id, f.number]))
    for (const fiche of rest.slice(0, -1)) expect(fiche.number).toBe(adoptedNumbers.get(fiche.id))
    expect(rest.at(-1)!.number).toBe(Math.max(...adoptedNumbers.values()) + 1)

    // the removed key action is listed as removed, with the number it had
    const changes = diffConventions(adopted, numbered)
    const gone = changes.find((c) => c.op === 'removed' && c.entryId === removed.id)
    expect(gone?.before).toMatchObject({ number: removed.number })
  })
})
