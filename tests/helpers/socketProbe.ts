import type { BrowserContext, Page } from 'playwright-core'

export interface SocketProbe {
  /** WebSockets the page opened */
  opened: number
  /** the close code of each socket that closed */
  closes: number[]
  /** Yjs sync messages the page sent: document updates (y-protocols "update") */
  updatesSent: number
  /** the page ever showed the "Hors ligne" band */
  offlineShown: boolean
  /** when each message went out (performance.now()) */
  sentAt: number[]
}

/** The most messages the page sent within any one second. */
export function busiestSecond({ sentAt }: SocketProbe): number {
  let most = 0
  for (let first = 0, last = 0; last < sentAt.length; last++) {
    while (sentAt[last]! - sentAt[first]! >= 1000) first++
    most = Math.max(most, last - first + 1)
  }
  return most
}

/**
 * Watches, from before the page's scripts run, every WebSocket the page opens (the
 * client's classes extend the global one): the closes, the Yjs updates sent, and
 * whether "Hors ligne" was ever shown.
 */
export async function probeSockets(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const probe = { opened: 0, closes: [] as number[], updatesSent: 0, offlineShown: false, sentAt: [] as number[] }
    ;(window as unknown as { __socketProbe: typeof probe }).__socketProbe = probe
    const Native = window.WebSocket
    class ProbedWebSocket extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        probe.opened += 1
        this.addEventListener('close', (event) => probe.closes.push(event.code))
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        const bytes = ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : null
        // document name (a short varString), then message type 0 (sync) and sync type 2 (update)
        probe.sentAt.push(performance.now())
        if (bytes && bytes.length > 2 && bytes[0]! < 128) {
          const at = 1 + bytes[0]!
          if (bytes[at] === 0 && bytes[at + 1] === 2) probe.updatesSent += 1
        }
        super.send(data)
      }
    }
    window.WebSocket = ProbedWebSocket
    new MutationObserver(() => {
      const offline = '.offline-notice--offline, [data-testid="connection-status"][data-status="disconnected"]'
      if (document.querySelector(offline)) probe.offlineShown = true
    }).observe(document, { childList: true, subtree: true })
  })
}

export function readProbe(page: Page): Promise<SocketProbe> {
  return page.evaluate(() => (window as unknown as { __socketProbe: SocketProbe }).__socketProbe)
}
