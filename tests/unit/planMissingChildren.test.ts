import { editorSchema as schema } from '@ctg/extensions'
import { planMissingChildren } from '@ctg/server'
import { describe, expect, it } from 'vitest'

const node = (name: string) => schema.nodes[name]!.create()
const names = (plan: ReturnType<typeof planMissingChildren>) =>
  plan?.map(({ index, nodes }) => [index, nodes.content.map((n) => n.type.name)])

describe('planMissingChildren', () => {
  it('fills the fields a fiche action lacks, in their place, and keeps the ones it has', () => {
    const plan = planMissingChildren(schema.nodes.ficheAction!, [node('ficheTitle'), node('ficheKeyActions')])
    expect(names(plan)).toEqual([
      [1, ['ficheTheme', 'ficheObjective']],
      [
        2,
        [
          'ficheExpectedResult',
          'ficheTargetAudience',
          'ficheTerritory',
          'fichePartners',
          'fichePilot',
          'ficheFunding',
          'ficheIndicators',
        ],
      ],
    ])
    // a field of paragraphs allows none (see `fill`): the plan leaves it empty, and
    // repairMissingFields writes it with its paragraph (schemaGuard.test.ts)
    expect(plan![0]!.nodes.child(1).toJSON()).toEqual({ type: 'ficheObjective' })
  })

  it('completes an empty entry and leaves optional lists and valid content alone', () => {
    expect(names(planMissingChildren(schema.nodes.keyAction!, []))).toEqual([[0, ['keyActionLabel', 'keyActionPilot']]])
    expect(planMissingChildren(schema.nodes.ficheKeyActions!, [])).toEqual([])
    expect(planMissingChildren(schema.nodes.keyAction!, [node('keyActionLabel'), node('keyActionPilot')])).toEqual([])
  })

  it('gives up when only removing or moving a node would help: nothing is ever removed', () => {
    expect(planMissingChildren(schema.nodes.keyAction!, [node('keyActionPilot'), node('keyActionLabel')])).toBeNull()
    expect(planMissingChildren(schema.nodes.keyAction!, [node('keyActionLabel'), node('paragraph')])).toBeNull()
  })
})
