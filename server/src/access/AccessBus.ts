import type { AccessEvent } from './AccessEvent.js'

/** What a process does with the bus's events. */
export interface AccessBusListener {
  /** an event from any process, this one included; called once per event */
  onEvent(event: AccessEvent): void
  /** the bus is receiving again after a cut: events published meanwhile may be lost */
  onResubscribed(): void
}

/**
 * Publish/subscribe between the server processes for access changes, so that each
 * process applies them to its own connections. In one process it is a function call
 * (`InProcessAccessBus`); with several, Redis pub/sub (`RedisAccessBus`).
 */
export interface AccessBus {
  /** delivers the event to this process's listener at once, and to every other process's */
  publish(event: AccessEvent): void
  /** the one listener, set once at start */
  listen(listener: AccessBusListener): void
  close(): Promise<void>
}
