import * as Y from 'yjs'

const encode = (text: Y.XmlText, index: number) =>
  Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64')

/** The `anchor` of `POST …/threads` for characters [from, to) of a text, as the client sends it. */
export function passageAnchor(text: Y.XmlText, from: number, to: number): { from: string; to: string } {
  return { from: encode(text, from), to: encode(text, to) }
}

/** The runs of a text that carry a thread's comment mark, joined. */
export function markedText(text: Y.XmlText, threadId: string): string {
  return (text.toDelta() as { insert: string; attributes?: { comment?: { threadId?: string } } }[])
    .filter((op) => op.attributes?.comment?.threadId === threadId)
    .map((op) => op.insert)
    .join('')
}
