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
 * Chromium sets its threads' nice values itself (0 for most, -8 for its browser and compositor
 * threads). Unprivileged, it cannot go below the nice it was started with (the export worker's,
 * 10); with CAP_SYS_NICE (a server run as root, as in containers) it can, and then it takes the
 * cores from the collaboration loop while it prints. So when this process holds CAP_SYS_NICE,
 * Chromium is started through a launcher that drops it (`setpriv`, util-linux): the kernel keeps
 * every Chromium thread at the nice it inherited or higher. Without `setpriv`, Chromium is
 * started as it is.
 */
export async function lowPriorityLauncher(chromiumPath: string): Promise<Launcher> {
  const direct = { executablePath: chromiumPath, dispose: async () => {} }
  if (!(await maySetNice())) return direct
  const hasSetpriv = await access(SETPRIV, constants.X_OK).then(
    () => true,
    () => false,
  )
  if (!hasSetpriv) return direct
  const folder = await mkdtemp(join(tmpdir(), 'ctg-chromium-'))
  const script = join(folder, 'chromium')
  const quoted = `'${chromiumPath.replaceAll("'", `'\\''`)}'`
  // exec: Chromium keeps the launcher's process id, which Playwright watches and stops
  await writeFile(
    script,
    `#!/bin/sh\nexec ${SETPRIV} --bounding-set=-sys_nice --inh-caps=-sys_nice -- ${quoted} "$@"\n`,
  )
  await chmod(script, 0o755)
  return { executablePath: script, dispose: () => rm(folder, { recursive: true, force: true }) }
}
