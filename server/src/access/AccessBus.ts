import type { AccessEvent } from './AccessEvent.js'

/** What a process does with the bus's events. */
export interface AccessBusListener {
  /** an event from any process, this one included; called once per event; resolves once applied */
  onEvent(event: AccessEvent): Promise<void>
  /** the bus is receiving again after a cut: events published meanwhile may be lost */
  onResubscribed(): void
}

/**
 * Publish/subscribe between the server processes for access changes, so that each
 * process applies them to its own connections. In one process it is a function call
 * (`InProcessAccessBus`); with several, Redis pub/sub (`RedisAccessBus`).
 */
export interface AccessBus {
  /**
   * Delivers the event to this process's listener at once, and to every other process's;
   * resolves once this process has applied it.
   */
  publish(event: AccessEvent): Promise<void>
  /** the one listener, set once at start */
  listen(listener: AccessBusListener): void
  close(): Promise<void>
}
