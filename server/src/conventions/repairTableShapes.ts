import { periodProblem, Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

function emptyYearCell(year: number): Y.XmlElement {
  const cell = new Y.XmlElement('indicatorYear')
  cell.setAttribute('year', year as never)
  cell.insert(0, [new Y.XmlElement('indicatorTarget'), new Y.XmlElement('indicatorReached')])
  return cell
}

function textLength(element: Y.XmlElement): number {
  return element.toString().replace(/<[^>]*>/g, '').length
}

/**
 * Makes every row of every indicators table hold exactly one cell per year of
 * the table's period, in order. Rows drift from the period only when edits
 * cross: a row added while someone else added a year, or the same year added
 * twice. Missing cells are added empty; a duplicate keeps the cell with text;
 * cells outside the period are left alone (removing a year deletes its cells
 * in the same transaction, so a cell outside is a concurrent edit worth keeping).
 * Returns the number of cells added or removed.
 */
export function repairTableShapes(ydoc: Y.Doc, origin: unknown): number {
  let changes = 0
  const fragment = ydoc.getXmlFragment(Y_FRAGMENT_NAME)
  ydoc.transact(() => {
    for (const table of fragment.toArray()) {
      if (!(table instanceof Y.XmlElement) || table.nodeName !== 'indicatorTable') continue
      const start = Number(table.getAttribute('startYear'))
      const end = Number(table.getAttribute('endYear'))
      if (periodProblem(start, end)) continue
      for (const row of table.toArray()) {
        if (!(row instanceof Y.XmlElement) || row.nodeName !== 'indicatorRow') continue
        const children = row.toArray()
        // duplicates of a year: keep the one with the most text
        const byYear = new Map<number, Y.XmlElement>()
        for (const child of children) {
          if (!(child instanceof Y.XmlElement) || child.nodeName !== 'indicatorYear') continue
          const year = Number(child.getAttribute('year'))
          const kept = byYear.get(year)
          if (!kept) byYear.set(year, child)
          else {
            const [keep, drop] = textLength(child) > textLength(kept) ? [child, kept] : [kept, child]
            byYear.set(year, keep)
            row.delete(row.toArray().indexOf(drop), 1)
            changes++
          }
        }
        // missing years: insert each before the first cell of a later year
        for (let year = start; year <= end; year++) {
          if (byYear.has(year)) continue
          const current = row.toArray()
          let index = current.findIndex(
            (c) => c instanceof Y.XmlElement && c.nodeName === 'indicatorYear' && Number(c.getAttribute('year')) > year,
          )
          if (index === -1) index = current.length
          const cell = emptyYearCell(year)
          row.insert(index, [cell])
          byYear.set(year, cell)
          changes++
        }
      }
    }
  }, origin)
  return changes
}
