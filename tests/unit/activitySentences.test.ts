import type { ActivityEntry } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import { describeActivity, groupByDay } from '@ctg/client'
import { activityDetail, describeBlock } from '@ctg/server'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'

const entry = (action: ActivityEntry['action'], detail: Record<string, unknown> = {}, at = '2026-03-12T13:05:00Z') =>
  ({ seq: 1, conventionId: 'c', at, userId: 'u-1', userName: 'Camille Martin', action, detail }) as ActivityEntry

/** A `changed` entry as a row written before details were typed is served: its French label read back into data. */
const legacyChanged = (label: string) => entry('changed', activityDetail('changed', { block: label }))

const sentence = (e: ActivityEntry) => {
  const { actor, text } = describeActivity(e)
  return `${actor} ${text}`
}

describe('activity log sentences', () => {
  it.each([
    [entry('created'), 'Camille Martin a créé la convention'],
    [entry('opened'), 'Camille Martin a ouvert la convention'],
    [entry('exported', { format: 'json' }), 'Camille Martin a exporté la convention (JSON)'],
    [entry('deleted'), 'Camille Martin a mis la convention à la corbeille'],
    [entry('restored'), 'Camille Martin a restauré la convention depuis la corbeille'],
    [
      entry('changed', { block: { type: 'ficheAction', number: 3, title: 'Accueil du jeune enfant' } }),
      'Camille Martin a modifié la fiche action n°3 « Accueil du jeune enfant »',
    ],
    [
      entry('changed', { block: { type: 'indicatorTable', title: 'Indicateurs petite enfance' } }),
      'Camille Martin a modifié le tableau « Indicateurs petite enfance »',
    ],
    [
      entry('changed', { block: { type: 'signatoryBlock', organisations: ['Commune de Seyne', 'Caf des Alpes'] } }),
      'Camille Martin a modifié les signataires (Commune de Seyne, Caf des Alpes)',
    ],
    [
      entry('changed', { block: { type: 'signatoryBlock', organisations: [] } }),
      'Camille Martin a modifié les signataires',
    ],
    [entry('changed', { block: { type: 'text' } }), 'Camille Martin a modifié le texte de la convention'],
    [
      entry('changed', { block: { type: 'planningTable', title: 'Places en crèche' } }),
      'Camille Martin a modifié le bloc « Places en crèche »',
    ],
    // rows stored before details were typed hold the server's French label: still worded the same
    [
      legacyChanged('Fiche action n°3 Accueil du jeune enfant'),
      'Camille Martin a modifié la fiche action n°3 « Accueil du jeune enfant »',
    ],
    [
      legacyChanged('Tableau Indicateurs petite enfance'),
      'Camille Martin a modifié le tableau « Indicateurs petite enfance »',
    ],
    [
      legacyChanged('Signataires Commune de Seyne, Caf des Alpes'),
      'Camille Martin a modifié les signataires (Commune de Seyne, Caf des Alpes)',
    ],
    // signatories not named yet: no empty parentheses nor stray commas
    [legacyChanged('Signataires'), 'Camille Martin a modifié les signataires'],
    [legacyChanged('Signataires ,'), 'Camille Martin a modifié les signataires'],
    [legacyChanged('Signataires , ,'), 'Camille Martin a modifié les signataires'],
    [legacyChanged('Signataires Commune de Seyne, '), 'Camille Martin a modifié les signataires (Commune de Seyne)'],
    [legacyChanged('texte libre'), 'Camille Martin a modifié le texte de la convention'],
    [
      entry('shared', { userId: 'u-2', name: 'Paul Girard', email: 'p@x.fr', role: 'commenter' }),
      'Camille Martin a donné accès à Paul Girard avec le rôle de commentateur',
    ],
    [
      entry('role_changed', { userId: 'u-2', name: 'Paul Girard', from: 'editor', to: 'reader' }),
      'Camille Martin a donné le rôle de lecteur à Paul Girard (auparavant rédacteur)',
    ],
    [
      entry('revoked', { userId: 'u-3', name: 'Isabelle Arnaud', role: 'editor' }),
      'Camille Martin a retiré l’accès d’Isabelle Arnaud (rôle : rédacteur)',
    ],
    [
      entry('revoked', { userId: 'u-2', name: 'Paul Girard', role: 'reader' }),
      'Camille Martin a retiré l’accès de Paul Girard (rôle : lecteur)',
    ],
  ])('%#: %s', (e, expected) => {
    expect(sentence(e)).toBe(expected)
  })

  it('names a signatory block by its named parties only, and an unnamed one reads naturally', () => {
    const convention = twoOfEachKindConvention()
    const blocks = convention.content.map((block, index) => [block, index] as const)
    const [first, second] = blocks.filter(([block]) => block.type === 'signatoryBlock').map(([, index]) => index)
    // the second block holds "Commune de Seyne" and a signatory nobody has named yet
    expect(describeBlock(convention, second!)).toEqual({ type: 'signatoryBlock', organisations: ['Commune de Seyne'] })
    expect(describeBlock(convention, first!)).toEqual({
      type: 'signatoryBlock',
      organisations: ['La Caf', 'Communauté de communes'],
    })
    const block = convention.content[second!]
    if (block?.type !== 'signatoryBlock') throw new Error('not a signatory block')
    block.signatories.forEach((signatory) => (signatory.organisation = '  '))
    expect(describeBlock(convention, second!)).toEqual({ type: 'signatoryBlock', organisations: [] })
    expect(sentence(entry('changed', { block: describeBlock(convention, second!) }))).toBe(
      'Camille Martin a modifié les signataires',
    )
  })

  it('groups entries by day, today and yesterday by name', () => {
    const now = new Date(2026, 2, 12, 18, 0)
    const at = (day: number, hour: number) => new Date(2026, 2, day, hour, 0).toISOString()
    const days = groupByDay(
      [
        entry('opened', {}, at(12, 9)),
        entry('opened', {}, at(12, 8)),
        entry('opened', {}, at(11, 17)),
        entry('created', {}, at(2, 10)),
      ],
      now,
    )
    expect(days.map((d) => [d.label, d.entries.length])).toEqual([
      ['Aujourd’hui', 2],
      ['Hier', 1],
      ['Lundi 2 mars 2026', 1],
    ])
  })
})
