import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'

export const PROFILE_DIR = new URL('../profiles/', import.meta.url).pathname

let session: Session | undefined

/** Starts the V8 CPU profiler in this process: profiles cover the measured window only, not start-up. */
export async function startProfiling(): Promise<void> {
  session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
}

/** Stops the profiler and writes bench/profiles/<name>.cpuprofile (open it in Chrome DevTools). */
export async function stopProfiling(name: string): Promise<string> {
  if (!session) throw new Error('the profiler was not started')
  const { profile } = await session.post('Profiler.stop')
  session.disconnect()
  session = undefined
  mkdirSync(PROFILE_DIR, { recursive: true })
  const file = join(PROFILE_DIR, `${name}.cpuprofile`)
  writeFileSync(file, JSON.stringify(profile))
  return file
}
