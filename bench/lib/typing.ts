import * as Y from 'yjs'
import { fieldText, findElements } from '../../tests/helpers/yFields.js'
import { nowMs } from './time.js'

/** What a writer types, one character per keystroke. */
const SENTENCE = 'Les familles du territoire sont accompagnées au plus près de leurs besoins. '

/**
 * The text a writer types into: the first paragraph of the objective of fiche `n` (modulo the
 * number of fiches), a Y.XmlText inside the document's fragment, as y-prosemirror edits it.
 */
export function objectiveText(doc: Y.Doc, n: number): Y.XmlText {
  const objectives = findElements(doc, 'ficheObjective')
  if (objectives.length === 0) throw new Error('the seed has no fiche action')
  const paragraph = objectives[n % objectives.length]!.get(0)
  if (!(paragraph instanceof Y.XmlElement)) throw new Error('an objective holds paragraphs')
  return fieldText(paragraph)
}

/** Keystrokes recorded as flat triples (clientID, clock, time in ms): cheap to collect and to send over IPC. */
export class KeystrokeLog {
  private values: number[] = []
  add(client: number, clock: number, time: number) {
    this.values.push(client, clock, time)
  }
  get size() {
    return this.values.length / 3
  }
  take(): Float64Array {
    const out = Float64Array.from(this.values)
    this.values = []
    return out
  }
}

/**
 * Types one character at a time at the end of `text`, every 100–300 ms (5 keystrokes/s on
 * average, a fast typist), until `untilMs`; logs each keystroke's id (clientID, clock) and send time.
 */
export function typeUntil(doc: Y.Doc, text: Y.XmlText, untilMs: number, log: KeystrokeLog): Promise<void> {
  let i = 0
  return new Promise((resolve) => {
    const keystroke = () => {
      if (nowMs() >= untilMs) return resolve()
      const clock = Y.getState(doc.store, doc.clientID)
      const sentAt = nowMs()
      // the provider sends the update synchronously from the transaction's 'update' event
      text.insert(text.length, SENTENCE[i++ % SENTENCE.length]!)
      log.add(doc.clientID, clock, sentAt)
      setTimeout(keystroke, 100 + Math.random() * 200)
    }
    // writers do not start in step
    setTimeout(keystroke, Math.random() * 200)
  })
}

/**
 * Logs every remote keystroke a document receives: each new clock of each client, at the time
 * the Y.Doc applies it, or at the time `receivedAt` gives (its message's arrival).
 */
export function logReceived(
  doc: Y.Doc,
  log: KeystrokeLog,
  isRecording: () => boolean,
  receivedAt: () => number = nowMs,
): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local || !isRecording()) return
    const at = receivedAt()
    tr.afterState.forEach((after, client) => {
      for (let clock = tr.beforeState.get(client) ?? 0; clock < after; clock++) log.add(client, clock, at)
    })
  })
}
