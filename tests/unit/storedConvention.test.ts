import { readFileSync } from 'node:fs'
import { conventionModel } from '@ctg/shared'
import { storedConvention } from '@ctg/server'
import { describe, expect, it } from 'vitest'

const nationalV1 = readFileSync(new URL('../fixtures/v1/national.v1.json', import.meta.url), 'utf8')

describe('a stored version read as the current format', () => {
  it('migrates a version recorded in format 1, every text unchanged', () => {
    const read = storedConvention(nationalV1)
    expect(read.version).toBe(2)
    expect(conventionModel.safeParse(read).success).toBe(true)
    expect(read.parties).toEqual([])
    const v1 = JSON.parse(nationalV1) as { title: string; content: { type: string }[] }
    expect(read.title).toBe(v1.title)
    expect(read.content.map((b) => b.type)).toEqual(v1.content.map((b) => b.type))
  })

  it('reads a version in the current format as it is', () => {
    const current = storedConvention(nationalV1)
    expect(storedConvention(JSON.stringify(current))).toEqual(current)
  })
})
