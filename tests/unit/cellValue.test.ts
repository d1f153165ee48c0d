import { parseCellValue } from '@ctg/shared'
import { describe, expect, it } from 'vitest'

const cases: [string, number | null, string | null][] = [
  ['189', 189, null],
  ['0,44', 0.44, null],
  ['0.44', 0.44, null],
  ['1,7 ETP', 1.7, 'ETP'],
  ['57,2 %', 57.2, '%'],
  ['57,2%', 57.2, '%'],
  ['1 250 places', 1250, 'places'],
  ['145 000 €', 145000, '€'],
  ['-3', -3, null],
  ['', null, null],
  ['   ', null, null],
  ['n.c.', null, null],
  ['environ 40', null, null],
  ['12 (estimation)', 12, '(estimation)'],
]

describe('parseCellValue', () => {
  it.each(cases)('reads %j as %j %j and keeps the text', (text, value, unit) => {
    expect(parseCellValue(text)).toEqual({ text, value, unit })
  })
})
