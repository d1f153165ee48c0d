import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * Runs axe-core on the page as it is now, with its default rules and best practices (no tag
 * filter), and fails with every violation: its rule, impact, and the nodes it found.
 * `include` limits the scan to a part of the page (a dialog), as a CSS selector.
 */
export async function expectNoAxeViolations(page: Page, screen: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page })
  if (include) builder = builder.include(include)
  const { violations } = await builder.analyze()
  if (violations.length === 0) return
  const lines = violations.flatMap((violation) => [
    `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}`,
    ...violation.nodes.map(
      (node) =>
        `    ${node.target.map(String).join(' > ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`,
    ),
  ])
  throw new Error(`axe found ${violations.length} violation(s) on ${screen}:\n${lines.join('\n')}`)
}
