import { CloseCode } from '@ctg/shared'
import { MessageType, type beforeHandleMessagePayload, type Extension } from '@hocuspocus/server'
import type { Limits } from '../config.js'
import { readMessageEnvelope, type MessageEnvelope } from '../limits/readMessageEnvelope.js'
import { refuseConnection } from '../limits/refuseConnection.js'
import { TokenBucket } from '../limits/TokenBucket.js'
import type { Logger } from '../logger.js'
import type { ConnectionContext } from './Authentication.js'

interface SocketBudget {
  messages: TokenBucket
  bytes: TokenBucket
}

/**
 * Limits what one WebSocket may send once authenticated (Hocuspocus awaits this hook
 * before every message): messages and bytes per second with bursts (4429), the size
 * of a Yjs update or awareness message (4413), and frames that do not parse (4400).
 * Budgets belong to the socket, not to one document on it, so opening the document
 * again on the same socket starts nothing afresh.
 */
export class ConnectionLimits implements Extension {
  extensionName = 'ConnectionLimits'
  private readonly budgets = new WeakMap<object, SocketBudget>()

  constructor(
    private readonly limits: Limits,
    private readonly logger: Logger,
  ) {}

  async beforeHandleMessage(payload: beforeHandleMessagePayload) {
    const { update, connection } = payload
    const budget = this.budgetOf(connection.webSocket)
    if (!budget.messages.take()) this.refuse(payload, CloseCode.tooMany, 'too many messages')
    if (!budget.bytes.take(update.byteLength)) this.refuse(payload, CloseCode.tooMany, 'too many bytes')
    let envelope: MessageEnvelope
    try {
      envelope = readMessageEnvelope(update)
    } catch {
      return this.refuse(payload, CloseCode.malformed, 'malformed message')
    }
    const isSync = envelope.type === MessageType.Sync || envelope.type === MessageType.SyncReply
    if (isSync && envelope.payloadBytes > this.limits.maxUpdateBytes)
      this.refuse(payload, CloseCode.tooLarge, 'update too large')
    if (envelope.type === MessageType.Awareness && envelope.payloadBytes > this.limits.maxAwarenessBytes) {
      this.refuse(payload, CloseCode.tooLarge, 'awareness update too large')
    }
  }

  // a method, not a closure made per message: this hook runs on every keystroke
  private refuse(
    { connection, documentName, context }: beforeHandleMessagePayload,
    code: number,
    reason: string,
  ): never {
    const user = (context as Partial<ConnectionContext>).user?.id ?? connection.socketId
    this.logger.warn(`convention ${documentName}: closed the socket of ${user} (${code}): ${reason}`)
    return refuseConnection(connection, code, reason)
  }

  private budgetOf(socket: object): SocketBudget {
    let budget = this.budgets.get(socket)
    if (!budget) {
      const { messageBurst, messagesPerSecond, maxUpdateBytes, bytesPerSecond } = this.limits
      // four maximal updates in a row: a few large pastes
      budget = {
        messages: new TokenBucket(messageBurst, messagesPerSecond),
        bytes: new TokenBucket(4 * maxUpdateBytes, bytesPerSecond),
      }
      this.budgets.set(socket, budget)
    }
    return budget
  }
}
