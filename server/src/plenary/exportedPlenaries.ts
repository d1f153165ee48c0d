import type { ExportedPlenary } from '@ctg/shared'
import type { ThreadWithMessages } from '../comments/CommentStore.js'
import type { DocumentAnchors } from '../comments/readAnchors.js'
import { placeOf } from '../comments/threadPlace.js'
import { rankFiches } from './rankFiches.js'

/** What the export's `plenaries` are made of, read from the stores (the document aside). */
export interface PlenaryExportRows {
  /** records brought by an import, as they came */
  imported: ExportedPlenary[]
  /** this convention's own, oldest first */
  own: {
    id: string
    title: string
    openedAt: string
    closedAt: string | null
    participantCount: number
    /** supports per fiche */
    counts: Map<string, number>
  }[]
}

/**
 * The export's `plenaries`: imported records as they came, then this convention's own, with
 * their ranking over the document's fiches and their participants' comments (from `threads`,
 * placed by `anchors`). Pure, so that the export worker runs it.
 */
export function exportedPlenaries(
  rows: PlenaryExportRows,
  threads: ThreadWithMessages[],
  ficheIds: string[],
  anchors: DocumentAnchors,
): ExportedPlenary[] {
  const records = rows.own.map(({ counts, ...plenary }) => ({
    ...plenary,
    // fiches deleted since still count: they follow the document's, by count
    supports: [
      ...rankFiches(ficheIds, counts),
      ...[...counts].filter(([id]) => !ficheIds.includes(id)).map(([blockId, supports]) => ({ blockId, supports })),
    ],
    comments: threads
      .filter((t) => t.thread.plenaryId === plenary.id)
      .sort((a, b) => a.thread.createdAt.localeCompare(b.thread.createdAt))
      .map(({ thread, messages }) => ({
        blockId: placeOf(thread, anchors).blockId || null,
        name: thread.authorName,
        body: messages[0]?.body ?? '',
        createdAt: thread.createdAt,
        hidden: thread.hidden,
      })),
  }))
  return [...rows.imported, ...records]
}
