import { describe, expect, it } from 'vitest'
import { asciiSlug, attachmentDisposition, frenchTypography, renderMarkdown } from '@ctg/server'

const NBSP = '\u00a0'
const NARROW = '\u202f'

describe('French typography of printed text', () => {
  it.each([
    ['Vu : le code', `Vu${NBSP}: le code`],
    ['Pourquoi ? Parce que ; enfin !', `Pourquoi${NARROW}? Parce que${NARROW}; enfin${NARROW}!`],
    ['ci-après « la Caf »', `ci-après «${NBSP}la Caf${NBSP}»`],
    ['le "guide CTG" publié', `le «${NBSP}guide CTG${NBSP}» publié`],
    // no space typed: URLs, times and ratios are left alone
    ['https://www.caf.fr/ctg à 10:30', 'https://www.caf.fr/ctg à 10:30'],
  ])('%s', (input, printed) => expect(frenchTypography(input)).toBe(printed))
})

describe('file names of exports', () => {
  it('slugs the title in ASCII and encodes it whole for filename*', () => {
    expect(asciiSlug('Convention Territoriale Globale — Œuvre « Digne » 2026–2030')).toBe(
      'convention-territoriale-globale-oeuvre-digne-2026-2030',
    )
    expect(asciiSlug('« ! »')).toBe('convention')
    expect(attachmentDisposition("CTG d'Annot (2026)", 'pdf')).toBe(
      `attachment; filename="ctg-d-annot-2026.pdf"; filename*=UTF-8''CTG%20d%27Annot%20%282026%29.pdf`,
    )
  })
})

describe('Markdown from the print layout', () => {
  it('escapes what Markdown would read as syntax and keeps marks on words', () => {
    const md = renderMarkdown({
      title: 'Titre *important*',
      period: '2026 – 2027',
      parties: [],
      status: 'Brouillon',
      date: '2026-01-01T00:00:00.000Z',
      versionLine: 'Brouillon',
      body: [
        {
          kind: 'paragraph',
          runs: [{ text: '1. pas une liste, ' }, { text: 'gras ', marks: [{ type: 'bold' }] }, { text: '[lien]' }],
        },
      ],
    })
    expect(md).toContain('# Titre \\*important\\*')
    expect(md).toContain('1\\. pas une liste, **gras** \\[lien\\]')
  })
})
