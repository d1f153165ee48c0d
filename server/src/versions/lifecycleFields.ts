import { diffConventions, stableNumbers, type Convention } from '@ctg/shared'
import { storedConvention } from './storedConvention.js'

export type LifecycleFields = Pick<Convention, 'status' | 'adopted' | 'amends' | 'amendments'> & {
  /** an avenant's content, numbered as the convention it amends */
  content?: Convention['content']
}

/** What the export's lifecycle fields are made of, read from the stores. */
export interface LifecycleRows extends Pick<Convention, 'amends'> {
  status: NonNullable<Convention['status']>
  adopted: NonNullable<Convention['adopted']> | null
  /** an avenant's amended version's JSON as recorded (null when not an avenant, or that version is gone) */
  amendedJson: string | null
}

/**
 * The export's four lifecycle fields; `base` is the export's content, for an avenant's changes
 * (its content numbered as the text it amends, and the changes from it). Pure, so that the
 * export worker runs it.
 */
export function lifecycleFields(base: Convention, rows: LifecycleRows): LifecycleFields {
  const fields: LifecycleFields = { status: rows.status, adopted: rows.adopted, amends: rows.amends }
  if (rows.amends) {
    // the avenant's own title ("Avenant n°1 à …") is not an amendment
    const from = rows.amendedJson ? { ...storedConvention(rows.amendedJson), title: base.title } : null
    if (from) fields.content = stableNumbers(base.content, from.content)
    fields.amendments = {
      changes: from ? diffConventions(from, { ...base, content: fields.content ?? base.content }) : [],
    }
  }
  return fields
}
