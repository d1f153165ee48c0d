import type { AccessBus, AccessBusListener } from './AccessBus.js'
import type { AccessEvent } from './AccessEvent.js'

/** The access bus of a single server process: publishing is delivering. */
export class InProcessAccessBus implements AccessBus {
  private listener: AccessBusListener | undefined

  async publish(event: AccessEvent) {
    await this.listener?.onEvent(event)
  }

  listen(listener: AccessBusListener) {
    this.listener = listener
  }

  async close() {}
}
