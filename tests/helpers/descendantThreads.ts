import { readdirSync, readFileSync } from 'node:fs'

/** A thread of a process started under this one (at any depth), with its process's name and its nice value. */
export interface DescendantThread {
  pid: number
  tid: number
  /** the process's name (`/proc/<pid>/comm`) */
  name: string
  nice: number
}

/** The fields of a `/proc/…/stat` line after the name (which may hold spaces): index 0 is field 3, the state. */
function statFields(path: string): string[] | null {
  try {
    const line = readFileSync(path, 'utf8')
    return line.slice(line.lastIndexOf(')') + 2).split(' ')
  } catch {
    // the process or thread ended meanwhile
    return null
  }
}

/** Every thread of every process descended from `root` (this process by default), read from Linux's /proc. */
export function descendantThreads(root = process.pid): DescendantThread[] {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(`/proc/${entry}/stat`)
    if (fields) parents.set(Number(entry), Number(fields[1]))
  }
  const under = (pid: number) => {
    for (let p = parents.get(pid); p !== undefined && p > 0; p = parents.get(p)) if (p === root) return true
    return false
  }
  const threads: DescendantThread[] = []
  for (const pid of parents.keys()) {
    if (!under(pid)) continue
    let name: string
    let tids: string[]
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
      tids = readdirSync(`/proc/${pid}/task`)
    } catch {
      continue
    }
    for (const tid of tids) {
      const fields = statFields(`/proc/${pid}/task/${tid}/stat`)
      // field 19 of proc(5): the nice value
      if (fields) threads.push({ pid, tid: Number(tid), name, nice: Number(fields[16]) })
    }
  }
  return threads
}
