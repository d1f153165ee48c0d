import { INSEE_PATTERN } from '../rules/registryCodes.js'
import { TEXT_MAX_LENGTH } from '../rules/textLimits.js'

export interface PastedCommune {
  name: string
  insee: string | null
}

/**
 * The communes of a pasted list (a CTG covers 3 to 80): one per line, or separated by
 * commas or semicolons, each possibly followed or preceded by its INSEE code ("Seyne 04205",
 * "04205 - Seyne", "Seyne (04205)"). Blank entries and repeats are left out.
 */
export function parseCommuneList(text: string): PastedCommune[] {
  const seen = new Set<string>()
  const out: PastedCommune[] = []
  for (const raw of text.split(/[\n;,\t]+/)) {
    let name = raw.trim()
    let insee: string | null = null
    const code = /(?:^|[\s(])((?:\d{2}|2[AB])\d{3})\)?(?:$|\s)/i.exec(name)
    if (code && INSEE_PATTERN.test(code[1]!.toUpperCase())) {
      insee = code[1]!.toUpperCase()
      name = name
        .replace(code[0], ' ')
        .replace(/^[\s\-–:]+|[\s\-–:()]+$/g, '')
        .trim()
    }
    name = name.slice(0, TEXT_MAX_LENGTH)
    const key = name.toLowerCase()
    if (!name || seen.has(key)) continue
    seen.add(key)
    out.push({ name, insee })
  }
  return out
}
