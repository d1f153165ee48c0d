import { SlidingWindowLimit, TokenBucket } from '@ctg/server'
import { describe, expect, it } from 'vitest'

describe('TokenBucket', () => {
  let now = 0
  const clock = () => now

  it('allows a burst of `capacity`, then `perSecond` in the long run', () => {
    now = 0
    const bucket = new TokenBucket(5, 2, clock)
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    now = 499
    expect(bucket.take()).toBe(false)
    now = 500
    expect(bucket.take()).toBe(true)
    // never more than the capacity, however long it waited
    now = 60_000
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('a refused take costs nothing; a spend may leave a debt that refuses until repaid', () => {
    now = 0
    const bucket = new TokenBucket(10, 10, clock)
    expect(bucket.take(11)).toBe(false)
    expect(bucket.take(10)).toBe(true)
    bucket.spend(20)
    now = 2_000
    expect(bucket.has(1)).toBe(false)
    now = 2_100
    expect(bucket.has(1)).toBe(true)
    expect(bucket.isFull()).toBe(false)
    now = 4_000
    expect(bucket.isFull()).toBe(true)
  })
})

describe('SlidingWindowLimit', () => {
  it('allows `limit` events in any window, then says when the oldest leaves it', () => {
    let now = 0
    const limit = new SlidingWindowLimit(3, 60_000, () => now)
    expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, true, false])
    expect(limit.take('b')).toBe(true)
    now = 30_000
    expect(limit.take('a')).toBe(false)
    expect(limit.secondsUntil('a')).toBe(30)
    now = 59_999
    expect(limit.take('a')).toBe(false)
    // the three of time 0 have left the window
    now = 60_000
    expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, true, false])
  })
})
