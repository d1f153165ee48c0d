import type { CtgServer } from '@ctg/server'

/**
 * Puts `sessionId` on the server's connections to the convention that have none yet (the
 * ones opened since the last call), as Authentication does for a token of a signed-in session.
 * Lets the sign-out path be tested on tokens that carry no session.
 */
export function tagSessions(ctg: CtgServer, conventionId: string, sessionId: string) {
  const document = ctg.server.hocuspocus.documents.get(conventionId)
  if (!document) throw new Error(`${conventionId} is not open on this server`)
  for (const connection of document.getConnections()) {
    const user = (connection.context as { user?: { sessionId?: string } }).user
    if (user && !user.sessionId) user.sessionId = sessionId
  }
}
