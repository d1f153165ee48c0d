import type { Hocuspocus } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { LiveDocuments, LiveEditor } from './LiveDocuments.js'

/** LiveDocuments over a Hocuspocus instance (given late: the services are made before the server). */
export class HocuspocusDocuments implements LiveDocuments {
  constructor(private readonly hocuspocus: () => Hocuspocus) {}

  get loaded() {
    return this.hocuspocus().documents
  }

  async edit<T>(name: string, context: object, use: (editor: LiveEditor) => Promise<T>): Promise<T> {
    const connection = await this.hocuspocus().openDirectConnection(name, context)
    const document = connection.document!
    const editor: LiveEditor = {
      document,
      async transact<R>(edit: (doc: Y.Doc) => R) {
        const updates: Uint8Array[] = []
        const keep = (update: Uint8Array) => updates.push(update)
        let result: R | undefined
        document.on('update', keep)
        try {
          await connection.transact((doc) => {
            result = edit(doc)
          })
        } finally {
          document.off('update', keep)
        }
        return { result: result as R, updates }
      },
    }
    try {
      return await use(editor)
    } finally {
      // kept in memory a moment (debounced store): reads right after see the change
      await connection.disconnect({ unloadImmediately: false })
    }
  }

  relayStateless(name: string, payload: string, to?: Parameters<LiveDocuments['relayStateless']>[2]) {
    this.loaded.get(name)?.relayStateless(payload, to)
  }
}
