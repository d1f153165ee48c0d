import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { forkDoc } from '../helpers/forkDoc.js'
import { frame, MessageType, syncFrame } from '../helpers/protocolFrames.js'
import { fieldText, findElements } from '../helpers/yFields.js'

type Edit = (doc: Y.Doc) => void

const element = (name: string, ...children: (Y.XmlElement | Y.XmlText)[]) => {
  const e = new Y.XmlElement(name)
  e.insert(0, children)
  return e
}

/**
 * Random and mutated Hocuspocus frames from one seed: envelopes of every message type
 * (and unknown ones) around payloads that are valid, refused, truncated, mutated or
 * random, for a document whose current state `source` reflects.
 */
export class ProtocolFuzzer {
  readonly random: prng.PRNG

  constructor(
    seed: number,
    private readonly documentName: string,
    private readonly source: () => Y.Doc,
    private readonly validToken: string,
  ) {
    this.random = prng.create(seed)
  }

  int(min: number, max: number) {
    return prng.int32(this.random, min, max)
  }

  chance(p: number) {
    return prng.real53(this.random) < p
  }

  pick<T>(items: readonly T[]): T {
    return prng.oneOf(this.random, items as T[])
  }

  bytes(max = 64) {
    return prng.uint8Array(this.random, this.int(0, max))
  }

  /** One frame, of a kind drawn at random. */
  nextFrame(): Uint8Array {
    const kind = this.int(0, 19)
    if (kind === 0) return this.bytes(this.chance(0.1) ? 2000 : 64)
    if (kind === 1) return this.truncate(this.nextFrame())
    if (kind === 2) return this.oversizedVarint()
    const name = this.name()
    switch (kind) {
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
        return syncFrame(name, this.pick([0, 1, 2, 2, 2, 1, this.int(3, 300)]), this.payload())
      case 8:
        return frame(name, MessageType.SyncReply, (e) => {
          encoding.writeVarUint(e, this.int(0, 3))
          encoding.writeVarUint8Array(e, this.payload())
        })
      case 9:
      case 10:
        return frame(name, MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, this.awareness()))
      case 11:
        return frame(name, MessageType.Auth, (e) => {
          encoding.writeVarUint(e, this.pick([0, 0, 1, 2, this.int(3, 1000)]))
          encoding.writeVarString(e, this.pick([this.validToken, 'not-a-token', '', prng.word(this.random, 0, 300)]))
        })
      case 12:
        return frame(name, this.pick([MessageType.QueryAwareness, MessageType.Ping, MessageType.Pong]))
      case 13:
      case 14:
        return frame(name, this.pick([MessageType.Stateless, MessageType.BroadcastStateless, MessageType.CLOSE]), (e) =>
          encoding.writeVarString(e, prng.utf16String(this.random, 200)),
        )
      case 15:
        return frame(name, MessageType.SyncStatus, (e) => encoding.writeVarUint(e, this.int(0, 5)))
      case 16:
        // unknown types, small and huge
        return frame(name, this.pick([11, 42, 255, 2 ** 31, Number.MAX_SAFE_INTEGER]), (e) =>
          encoding.writeUint8Array(e, this.bytes()),
        )
      default:
        return this.mutate(syncFrame(name, 2, this.validUpdate()))
    }
  }

  /** The document name of most frames; sometimes another, empty or longer than announced. */
  private name(): string {
    if (this.chance(0.85)) return this.documentName
    return this.pick(['', 'c-does-not-exist', prng.word(this.random, 1, 40), `${this.documentName}\0session`])
  }

  private payload(): Uint8Array {
    switch (this.int(0, 9)) {
      case 0:
      case 1:
      case 2:
        return this.validUpdate()
      case 3:
        return this.refusedUpdate()
      case 4:
        return this.mutate(this.validUpdate())
      case 5:
        return this.truncate(this.validUpdate())
      case 6:
        return this.chance(0.5) ? Y.encodeStateVector(this.source()) : this.mutate(Y.encodeStateVector(this.source()))
      case 7:
        return this.structCountBomb()
      case 8:
        return new Uint8Array(this.pick([0, 1, 2]))
      default:
        return this.bytes()
    }
  }

  /** An update the editor could have made (or one the server repairs), from a random client id. */
  validUpdate(): Uint8Array {
    const fork = forkDoc(this.source(), this.chance(0.5) ? this.int(1, 2 ** 31) : undefined)
    for (let i = this.int(1, 3); i > 0; i--) {
      try {
        this.pick(this.validEdits)(fork.doc)
      } catch {
        // an edit drawn for a node the document no longer has
      }
    }
    return fork.updates.length > 0 ? fork.merged() : Y.encodeStateAsUpdate(fork.doc, Y.encodeStateVector(fork.doc))
  }

  private refusedUpdate(): Uint8Array {
    const fork = forkDoc(this.source(), this.int(1, 2 ** 31))
    this.pick(this.refusedEdits)(fork.doc)
    return fork.merged()
  }

  private texts(doc: Y.Doc): Y.XmlText[] {
    const out: Y.XmlText[] = []
    const walk = (parent: Y.XmlFragment) => {
      for (const child of parent.toArray()) {
        if (child instanceof Y.XmlText) out.push(child)
        else if (child instanceof Y.XmlElement) walk(child)
      }
    }
    walk(doc.getXmlFragment('default'))
    return out
  }

  private elements(doc: Y.Doc): Y.XmlElement[] {
    const out: Y.XmlElement[] = []
    const walk = (parent: Y.XmlFragment) => {
      for (const child of parent.toArray()) {
        if (child instanceof Y.XmlElement) {
          out.push(child)
          walk(child)
        }
      }
    }
    walk(doc.getXmlFragment('default'))
    return out
  }

  private readonly validEdits: Edit[] = [
    (doc) => {
      const text = this.pick(this.texts(doc))
      text.insert(this.int(0, text.length), prng.utf16String(this.random, 12))
    },
    (doc) => {
      const text = this.pick(this.texts(doc))
      const at = this.int(0, text.length)
      text.delete(at, this.int(0, text.length - at))
    },
    (doc) => {
      const text = this.pick(this.texts(doc))
      const at = this.int(0, text.length)
      text.format(at, this.int(0, text.length - at), { [this.pick(['bold', 'italic', 'underline', 'strike'])]: {} })
    },
    (doc) => {
      // removes any element, a required field included: the server puts an empty one back
      const parent = this.pick(this.elements(doc))
      if (parent.length > 0) parent.delete(this.int(0, parent.length - 1), 1)
    },
    (doc) => {
      const fragment = doc.getXmlFragment('default')
      fragment.insert(this.int(0, fragment.length), [element('paragraph', new Y.XmlText(prng.word(this.random)))])
    },
    (doc) => {
      // a fiche or a row with some of its fields only
      const fragment = doc.getXmlFragment('default')
      const title = element('ficheTitle', new Y.XmlText(prng.word(this.random)))
      fragment.insert(this.int(0, fragment.length), [element('ficheAction', ...(this.chance(0.5) ? [title] : []))])
      const table = findElements(doc, 'indicatorTable')[0]
      if (table) table.insert(table.length, [element('indicatorRow')])
    },
    (doc) => fieldText(this.pick(findElements(doc, 'ficheTitle'))).insert(0, prng.word(this.random)),
    (doc) => doc.getMap('meta').set('title', prng.word(this.random, 1, 30)),
  ]

  private readonly refusedEdits: Edit[] = [
    (doc) => doc.getXmlFragment('default').insert(0, [element(prng.word(this.random, 1, 12))]),
    (doc) => this.pick(this.texts(doc)).format(0, 1, { [prng.word(this.random, 1, 8)]: true }),
    (doc) => this.pick(this.texts(doc)).insertEmbed(0, { src: 'x' }),
    (doc) => doc.getMap(prng.word(this.random, 1, 8)).set('x', 1),
    (doc) => (doc.getXmlFragment('default') as unknown as Y.Array<unknown>).insert(0, [prng.word(this.random)]),
    (doc) => doc.getMap('meta').set(this.pick(['title', 'period', 'owner']), this.int(0, 5000)),
  ]

  /** An awareness update: client, clock and JSON state, valid or not. */
  private awareness(): Uint8Array {
    if (this.chance(0.3)) return this.bytes()
    const encoder = encoding.createEncoder()
    const count = this.chance(0.9) ? 1 : this.int(0, 50)
    encoding.writeVarUint(encoder, count)
    for (let i = 0; i < count; i++) {
      encoding.writeVarUint(encoder, this.int(0, 2 ** 31))
      encoding.writeVarUint(encoder, this.int(0, 100))
      encoding.writeVarString(
        encoder,
        this.chance(0.8) ? JSON.stringify({ user: { name: prng.word(this.random) } }) : prng.word(this.random),
      )
    }
    return this.chance(0.8) ? encoding.toUint8Array(encoder) : this.mutate(encoding.toUint8Array(encoder))
  }

  /** The shape of yjs#687: a struct count that the bytes cannot hold. */
  private structCountBomb(): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, this.int(1, 3))
    encoding.writeVarUint(encoder, this.pick([2 ** 32 - 1, 2 ** 31, this.int(1000, 2 ** 30)]))
    encoding.writeVarUint(encoder, this.int(0, 2 ** 31))
    encoding.writeVarUint(encoder, this.int(0, 1000))
    encoding.writeUint8Array(encoder, this.bytes(8))
    return encoding.toUint8Array(encoder)
  }

  /** A varint of ten continuation bytes, where a length or a type is read. */
  private oversizedVarint(): Uint8Array {
    const varint = new Uint8Array(10).fill(0xff)
    if (this.chance(0.5)) return varint
    return frame(this.documentName, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeUint8Array(e, varint)
    })
  }

  mutate(bytes: Uint8Array): Uint8Array {
    const out = bytes.slice()
    for (let i = this.int(1, 3); i > 0 && out.length > 0; i--) out[this.int(0, out.length - 1)] = this.int(0, 255)
    return out
  }

  truncate(bytes: Uint8Array): Uint8Array {
    return bytes.slice(0, this.int(0, Math.max(0, bytes.length - 1)))
  }
}
