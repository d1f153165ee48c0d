import { conventionUrl, json, request } from '../api/apiClient.js'
import type { NewThreadAnchor, Thread, ThreadMessage, ThreadStatus } from './threadTypes.js'

const threadsUrl = (conventionId: string) => `${conventionUrl(conventionId)}/threads`
const threadUrl = (conventionId: string, threadId: string) =>
  `${threadsUrl(conventionId)}/${encodeURIComponent(threadId)}`
const messageUrl = (conventionId: string, threadId: string, messageId: string) =>
  `${threadUrl(conventionId, threadId)}/messages/${encodeURIComponent(messageId)}`

/** The comment threads of a convention, over HTTP (their anchors live in the document). */
export const commentsApi = {
  /** In document order, detached threads last. */
  list: (conventionId: string) => json<{ threads: Thread[] }>(threadsUrl(conventionId)).then((r) => r.threads),

  create: (conventionId: string, anchor: NewThreadAnchor, body: string) =>
    json<{ thread: Thread }>(threadsUrl(conventionId), {
      method: 'POST',
      body: JSON.stringify({ anchor, body }),
    }).then((r) => r.thread),

  reply: (conventionId: string, threadId: string, body: string) =>
    json<{ message: ThreadMessage }>(`${threadUrl(conventionId, threadId)}/messages`, {
      method: 'POST',
      body: JSON.stringify({ body }),
    }).then((r) => r.message),

  setStatus: (conventionId: string, threadId: string, status: ThreadStatus) =>
    json<{ thread: Thread }>(threadUrl(conventionId, threadId), {
      method: 'PATCH',
      body: JSON.stringify({ status }),
    }).then((r) => r.thread),

  editMessage: (conventionId: string, threadId: string, messageId: string, body: string) =>
    json<{ message: ThreadMessage }>(messageUrl(conventionId, threadId, messageId), {
      method: 'PATCH',
      body: JSON.stringify({ body }),
    }).then((r) => r.message),

  deleteMessage: (conventionId: string, threadId: string, messageId: string) =>
    request(messageUrl(conventionId, threadId, messageId), { method: 'DELETE' }).then(() => undefined),
}
