import { zipSync, type Zippable } from 'fflate'

export interface ZipEntry {
  path: string
  data: Uint8Array
  /** stored without compression (an ODF package's `mimetype`) */
  store?: boolean
}

/**
 * A ZIP whose bytes depend only on its entries and `date`: entries in the given order, each
 * dated `date`, fixed compression level, no extra fields. fflate writes DOS times from a
 * Date's local fields, so the date is rebuilt with `date`'s UTC fields as local ones: the
 * same bytes whatever the server's time zone.
 */
export function deterministicZip(entries: ZipEntry[], date: string): Uint8Array {
  const utc = new Date(date)
  const mtime = new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  )
  const files: Zippable = {}
  for (const entry of entries) files[entry.path] = [entry.data, { level: entry.store ? 0 : 6, mtime }]
  return zipSync(files)
}
