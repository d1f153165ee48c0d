import { CONVENTION_FORMAT, CONVENTION_FORMAT_VERSION, type Convention, type Period } from '@ctg/shared'

/** A blank convention: its title as a heading and an empty paragraph to start typing. */
export function blankTemplate(title: string, period: Period): Convention {
  return {
    format: CONVENTION_FORMAT,
    version: CONVENTION_FORMAT_VERSION,
    parties: [],
    territory: null,
    title,
    period,
    content: [
      { type: 'heading', level: 1, text: title },
      { type: 'paragraph', text: '' },
    ],
  }
}
