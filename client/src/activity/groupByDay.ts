import type { ActivityEntry } from '@ctg/shared'

export interface ActivityDay {
  /** "Aujourd’hui", "Hier", "lundi 12 mars 2026" */
  label: string
  entries: ActivityEntry[]
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

/** Entries (newest first) in days of the person's own time zone, newest day first. */
export function groupByDay(entries: ActivityEntry[], now = new Date()): ActivityDay[] {
  const days: ActivityDay[] = []
  let currentKey = ''
  for (const entry of entries) {
    const date = new Date(entry.at)
    const key = date.toDateString()
    if (key !== currentKey) {
      currentKey = key
      days.push({ label: dayLabel(date, now), entries: [] })
    }
    days[days.length - 1]!.entries.push(entry)
  }
  return days
}

function dayLabel(date: Date, now: Date): string {
  const yesterday = new Date(now)
  yesterday.setDate(now.getDate() - 1)
  if (date.toDateString() === now.toDateString()) return 'Aujourd’hui'
  if (date.toDateString() === yesterday.toDateString()) return 'Hier'
  const label = dayFormat.format(date)
  return label.charAt(0).toLocaleUpperCase('fr') + label.slice(1)
}
