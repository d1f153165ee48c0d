import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { authFrame, MessageType } from './protocolFrames.js'
import { waitFor } from './connectClient.js'

export interface CloseEvent {
  code: number
  reason: string
}

export interface RawSocket {
  ws: WebSocket
  /** every frame the server sent */
  received: Uint8Array[]
  /** null while open */
  closed: CloseEvent | null
  send(frame: Uint8Array): void
  /** sends the token and resolves once the server answered "authenticated" (throws on "permission denied") */
  authenticate(documentName: string, token: string): Promise<void>
  /** resolves with the close event (fails after `timeoutMs`) */
  waitForClose(timeoutMs?: number): Promise<CloseEvent>
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`)
  }
}

/** What an Auth frame from the server says: 'authenticated', 'denied: <reason>' or null for other frames. */
function authAnswer(data: Uint8Array): string | null {
  const decoder = decoding.createDecoder(data)
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== MessageType.Auth) return null
  const kind = decoding.readVarUint(decoder)
  if (kind === 2) return 'authenticated'
  return kind === 1 ? `denied: ${decoding.readVarString(decoder)}` : null
}

/** A bare WebSocket to the server, speaking the Hocuspocus protocol byte by byte (no provider, no Y.Doc). */
export function openRawSocket(wsUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers })
    const socket: RawSocket = {
      ws,
      received: [],
      closed: null,
      send: (data) => ws.send(data),
      authenticate: async (documentName, token) => {
        const from = socket.received.length
        ws.send(authFrame(documentName, token))
        let answer: string | null = null
        await waitFor(() => {
          answer =
            socket.received
              .slice(from)
              .map(authAnswer)
              .find((a) => a !== null) ?? null
          return answer !== null || socket.closed !== null
        }, 'an answer to the token')
        if (answer !== 'authenticated') throw new Error(`not authenticated: ${answer ?? 'closed'}`)
      },
      waitForClose: async (timeoutMs = 10_000) => {
        await waitFor(() => socket.closed !== null, 'the server to close the socket', timeoutMs)
        return socket.closed!
      },
    }
    ws.on('message', (data: Buffer) => socket.received.push(new Uint8Array(data)))
    ws.on('close', (code, reason) => (socket.closed = { code, reason: reason.toString() }))
    ws.on('open', () => resolve(socket))
    ws.on('unexpected-response', (_request, response) => {
      reject(new UpgradeRefused(response.statusCode ?? 0))
      ws.terminate()
    })
    ws.on('error', (error) => reject(error))
  })
}
