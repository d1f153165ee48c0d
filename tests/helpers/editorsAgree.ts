import { editorSchema } from '@ctg/extensions'
import { yDocToEditorJson } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorPeer } from '../fuzz/EditorPeer.js'
import { waitFor } from './connectClient.js'
import type { TestServer } from './startTestServer.js'

/** The document the server holds for `id`, as a ProseMirror node. */
export const servedDoc = (server: TestServer, id: string): PMNode =>
  editorSchema.nodeFromJSON(yDocToEditorJson(server.ctg.server.hocuspocus.documents.get(id)!))

/** Delivers everything until every peer has settled and their editors hold what the server holds. */
export async function editorsAgree(server: TestServer, id: string, peers: EditorPeer[]): Promise<void> {
  await waitFor(
    () => {
      peers.forEach((peer) => peer.deliverAll())
      const reference = JSON.stringify(servedDoc(server, id).toJSON())
      return peers.every((peer) => peer.settled && JSON.stringify(peer.editor.state.doc.toJSON()) === reference)
    },
    `${peers.map((peer) => peer.name).join(', ')} and the server agree`,
  )
}
