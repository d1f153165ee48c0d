import type { Thread } from './threadTypes.js'

/** A thread as the panel shows it: with the name of the place it is about and where that is now. */
export interface ThreadView extends Thread {
  label: string
  /** the anchor's position in the document, null when detached or not found */
  position: number | null
}
