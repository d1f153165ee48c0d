import { constants } from 'node:fs'
import { access, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SETPRIV = '/usr/bin/setpriv'
/** CAP_SYS_NICE's bit in /proc/self/status's CapEff (linux/capability.h) */
const CAP_SYS_NICE = 23n

/** Whether this process may lower nice values (root, or the capability given). Linux only. */
async function maySetNice(): Promise<boolean> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '')
  const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1]
  return effective !== undefined && ((BigInt(`0x${effective}`) >> CAP_SYS_NICE) & 1n) === 1n
}

export interface Launcher {
  /** what to start instead of Chromium (Chromium itself when no launcher is needed) */
  executablePath: string
  /** removes the launcher's file */
  dispose(): Promise<void>
}

/**
 * The nice value of Chromium's autogroup. Playwright starts Chromium in a session of its own, and
 * where Linux schedules by session (autogroup) that session shares the cores with the server's
 * as an equal, whatever its threads' nice values: while it printed, the collaboration loop waited
 * up to 350 ms for a core on this 2-core machine. At 10 its session weighs a tenth of the server's.
 */
const CHROMIUM_AUTOGROUP_NICE = 10

/** Whether Linux schedules this machine's sessions as groups (`/proc/self/autogroup` exists). */
async function autogroups(): Promise<boolean> {
  return access('/proc/self/autogroup', constants.W_OK).then(
    () => true,
    () => false,
  )
}

/**
 * Chromium sets its threads' nice values itself (0 for most, -8 for its browser and compositor
 * threads). Unprivileged, it cannot go below the nice it was started with (the export process's,
 * 10); with CAP_SYS_NICE (a server run as root, as in containers) it can, and then it takes the
 * cores from the collaboration loop while it prints. So Chromium is started through a launcher
 * script that first lowers its own session's weight (`CHROMIUM_AUTOGROUP_NICE`, where sessions
 * are scheduled as groups), and, when this process holds CAP_SYS_NICE, drops that capability
 * (`setpriv`, util-linux): the kernel keeps every Chromium thread at the nice it inherited or
 * higher. With neither to do, Chromium is started as it is.
 */
export async function lowPriorityLauncher(chromiumPath: string): Promise<Launcher> {
  const direct = { executablePath: chromiumPath, dispose: async () => {} }
  const dropNice =
    (await maySetNice()) &&
    (await access(SETPRIV, constants.X_OK).then(
      () => true,
      () => false,
    ))
  const groupNice = await autogroups()
  if (!dropNice && !groupNice) return direct
  const folder = await mkdtemp(join(tmpdir(), 'ctg-chromium-'))
  const script = join(folder, 'chromium')
  const quoted = `'${chromiumPath.replaceAll("'", `'\\''`)}'`
  // the launcher runs in the session Playwright made for Chromium: its autogroup is Chromium's
  const lowerGroup = groupNice ? `(echo ${CHROMIUM_AUTOGROUP_NICE} > /proc/self/autogroup) 2>/dev/null\n` : ''
  const drop = dropNice ? `${SETPRIV} --bounding-set=-sys_nice --inh-caps=-sys_nice -- ` : ''
  // exec: Chromium keeps the launcher's process id, which Playwright watches and stops
  await writeFile(script, `#!/bin/sh\n${lowerGroup}exec ${drop}${quoted} "$@"\n`)
  await chmod(script, 0o755)
  return { executablePath: script, dispose: () => rm(folder, { recursive: true, force: true }) }
}
