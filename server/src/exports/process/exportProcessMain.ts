import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * The export process's entry: it lowers the priority of every one of its threads before it
 * loads anything, then runs the jobs (`exportJobRunner`).
 *
 * Exports are batch work; the collaboration server's loop comes first. On Linux a nice value is
 * a thread's own, and a new thread takes its creator's. By the time this runs, Node has started
 * V8's helper threads (garbage collection, compilation) and libuv's, at the server's nice: each
 * is set to 10 here, and every thread started later (libuv's pool, Chromium through
 * `lowPriorityLauncher`) inherits 10. In a worker thread of the server this was not possible:
 * V8's helpers are shared by the whole process, and at nice 0 the export's garbage collection
 * took the cores from the collaboration loop. No effect on an idle machine.
 */
const EXPORT_NICE = 10

process.title = 'ctg-export'
try {
  for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), EXPORT_NICE)
} catch {
  try {
    // no /proc (not Linux): where a nice value is the process's, this sets them all
    setPriority(EXPORT_NICE)
  } catch {
    // not allowed here: exports run at the server's priority
  }
}

await import('./exportJobRunner.js')
