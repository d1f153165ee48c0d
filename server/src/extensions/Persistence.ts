import { Database } from '@hocuspocus/extension-database'
import { readMeta } from '@ctg/shared'
import type { ConventionStore } from '../storage/ConventionStore.js'

/** Loads and stores Yjs documents in the convention store, through Hocuspocus's database extension. */
export function createPersistence(store: ConventionStore): Database {
  return new Database({
    fetch: async ({ documentName }) => {
      const state = await store.loadState(documentName)
      // a convention that exists always has a state; refusing here keeps an empty
      // document from ever replacing a stored one
      if (!state) throw new Error(`no stored state for ${documentName}`)
      return state
    },
    store: async ({ documentName, state, document }) => {
      await store.saveState(documentName, state, readMeta(document))
    },
  })
}
