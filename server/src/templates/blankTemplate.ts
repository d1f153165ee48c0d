import type { Convention, Period } from '@ctg/shared'

/** A blank convention: its title as a heading and an empty paragraph to start typing. */
export function blankTemplate(title: string, period: Period): Convention {
  return {
    format: 'ctg-convention',
    version: 1,
    title,
    period,
    content: [
      { type: 'heading', level: 1, text: title },
      { type: 'paragraph', text: '' },
    ],
  }
}
