import type { Locator, Page } from 'playwright-core'

/**
 * The element's box once it stopped moving between two animation frames: the editor lays
 * out off-screen blocks lazily (content-visibility), so scrolling one into view shifts the
 * others for a frame or two. A pointer aimed at a box measured during that shift misses.
 */
export async function settledBox(page: Page, target: Locator) {
  let box = await target.boundingBox()
  for (let i = 0; i < 30; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    const again = await target.boundingBox()
    if (box && again && again.x === box.x && again.y === box.y && again.height === box.height) return again
    box = again
  }
  if (!box) throw new Error('the element has no box: it is not displayed')
  return box
}
