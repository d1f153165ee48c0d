/** The attributes of a convention's editable element, for the live editor and a version's view alike. */
export function documentAttributes(label: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    class: 'convention-document',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    lang: 'fr',
    ...extra,
  }
}
