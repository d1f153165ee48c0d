import { editorSchema as pmSchema } from '@ctg/extensions'
import { blockLabels, writeConvention, Y_FRAGMENT_NAME, type FicheActionBlock } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ApiError,
  plenaryErrorMessage,
  rankedFiches,
  supportsLeft,
  ficheName,
  fichesOf,
  facilitatePath,
  parseRoute,
  plenaryJoinPath,
} from '@ctg/client'
import { largeConvention } from '../fixtures/conventionFixtures.js'

function largeOnYDoc() {
  const convention = largeConvention()
  const ydoc = new Y.Doc()
  writeConvention(ydoc, pmSchema, convention)
  return { convention, fragment: ydoc.getXmlFragment(Y_FRAGMENT_NAME) }
}

describe('the phone reads fiches from the shared document', () => {
  it('finds every fiche with its id, number, title and key actions, as the export has them', () => {
    const { convention, fragment } = largeOnYDoc()
    const exported = convention.content.filter((b): b is FicheActionBlock => b.type === 'ficheAction')
    const fiches = fichesOf(fragment)
    expect(fiches.map((f) => f.id)).toEqual(exported.map((f) => f.id))
    expect(fiches.map((f) => f.number)).toEqual(exported.map((_, i) => i + 1))
    expect(fiches.map((f) => f.title)).toEqual(exported.map((f) => f.title))
    expect(fiches.map((f) => f.keyActions.map((a) => [a.id, a.label]))).toEqual(
      exported.map((f) => f.keyActions.map((a) => [a.id, a.label])),
    )
    expect(fiches[1]!.keyActions[0]!.number).toBe('2.1')
    // named as the comments panel names them
    const labels = blockLabels(convention)
    for (const fiche of fiches) expect(ficheName(fiche)).toBe(labels.get(fiche.id))
  })

  it('follows an edit of a title', () => {
    const { fragment } = largeOnYDoc()
    const first = fichesOf(fragment)[0]!
    // ficheAction > ficheTitle > its text
    const text = (first.element.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(0, 'Nouveau : ')
    expect(fichesOf(fragment)[0]!.title).toMatch(/^Nouveau : /)
  })
})

describe('the ranking', () => {
  const outline = fichesOf(largeOnYDoc().fragment)

  it('gives fiches with as many supports the same rank, and names a fiche deleted since', () => {
    const [a, b, c] = outline
    const rows = rankedFiches(
      [
        { blockId: b!.id, supports: 5 },
        { blockId: a!.id, supports: 3 },
        { blockId: c!.id, supports: 3 },
        { blockId: 'gone', supports: 1 },
      ],
      outline,
    )
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4])
    expect(rows[0]!.name).toBe(ficheName(b!))
    expect(rows[0]!.shortName).toBe(`n°2 — ${b!.title}`)
    expect(rows[3]!.name).toBe('Fiche supprimée')
  })
})

describe('the phone’s words', () => {
  it('counts the supports left', () => {
    expect(supportsLeft(3)).toBe('Il vous reste 3 soutiens')
    expect(supportsLeft(1)).toBe('Il vous reste 1 soutien')
    expect(supportsLeft(0)).toBe('Vous avez utilisé tous vos soutiens')
  })

  it('says in French what the server refused in English', () => {
    const refusal = (status: number, code: string, path?: string) =>
      plenaryErrorMessage(new ApiError(status, code, 'in English', path ? [{ path, message: 'in English' }] : [], 12))
    expect(refusal(422, 'support_budget')).toMatch(/^Vous avez déjà utilisé tous vos soutiens/)
    expect(refusal(429, 'too_many_messages')).toBe('Trop de commentaires en peu de temps : réessayez dans 12 s.')
    expect(refusal(400, 'invalid_body', 'anchor')).toMatch(/^Ce passage ne peut pas être commenté/)
    expect(refusal(400, 'invalid_body', 'endsAt')).toMatch(/72 heures/)
    expect(refusal(403, 'forbidden')).toMatch(/^Seules la personne qui a ouvert la plénière/)
    expect(refusal(404, 'not_found')).toBe('Cette plénière est introuvable.')
  })
})

describe('plénière routes', () => {
  it('reads the join link, the code page and the facilitator’s pages', () => {
    expect(parseRoute(plenaryJoinPath('K7M2QP'))).toEqual({ name: 'plenaryJoin', code: 'K7M2QP' })
    expect(parseRoute('/pleniere')).toEqual({ name: 'plenaryJoin', code: null })
    expect(parseRoute('/pleniere/k7m2qp')).toEqual({ name: 'plenaryJoin', code: 'k7m2qp' })
    expect(parseRoute('/p')).toEqual({ name: 'notFound' })
    expect(parseRoute(facilitatePath('c-1', 'p-2'))).toEqual({
      name: 'plenaryFacilitate',
      conventionId: 'c-1',
      plenaryId: 'p-2',
      projection: false,
    })
    expect(parseRoute(facilitatePath('c-1', 'p-2', true))).toMatchObject({ projection: true })
  })
})
