import WebSocket from 'ws'
import { nowMs } from './time.js'

type Listener = (event: WebSocket.MessageEvent) => void

let arrival: number | undefined

/** While a deferred message is being handled: when it reached its socket (nowMs); else undefined. */
export const messageArrival = (): number | undefined => arrival

/**
 * A `ws` WebSocket that notes when each message arrives and hands it to its listeners in the
 * next turn of the event loop (setImmediate, in order). A process holding 100 simulated phones
 * thus notes a keystroke's arrival at all of them before applying it in any Y.Doc: a phone's
 * reception time no longer includes the other simulated phones' work, which a real phone (one
 * document, its own CPU) does not wait for.
 */
export class ArrivalTimedWebSocket extends WebSocket {
  private readonly deferred = new WeakMap<Listener, Listener>()

  override addEventListener(type: string, listener: any, options?: any): void {
    if (type !== 'message') return super.addEventListener(type as 'open', listener, options)
    const wrapped: Listener = (event) => {
      const at = nowMs()
      setImmediate(() => {
        arrival = at
        try {
          ;(listener as Listener).call(this, event)
        } finally {
          arrival = undefined
        }
      })
    }
    this.deferred.set(listener as Listener, wrapped)
    super.addEventListener('message', wrapped, options)
  }

  override removeEventListener(type: string, listener: any): void {
    const wrapped = type === 'message' ? this.deferred.get(listener as Listener) : undefined
    super.removeEventListener(type as 'open', wrapped ?? listener)
  }
}
