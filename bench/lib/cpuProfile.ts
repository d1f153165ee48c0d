import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { table } from './results.js'
import { PROFILE_DIR } from './profiler.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Where a frame's code lives: an npm package, a folder of this repository, or Node itself. */
function origin(url: string): string {
  if (!url) return '(native / V8)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return 'node core'
  const repo = /\/(shared|extensions|server|bench|tests)\/src\/|\/(bench|tests)\//.exec(url)
  if (repo) return `@ctg/${repo[1] ?? repo[2]}`
  return url.split('/').slice(-2).join('/')
}

/** Code of the product (shared, extensions, server), not of the benchmark or a package. */
function isOurs(url: string): boolean {
  return /\/(shared|extensions|server)\/src\//.test(url) && !url.includes('node_modules')
}

/** Self time by function and by package of a `node --cpu-prof` profile, as markdown. */
export function summarizeProfile(name: string, label: string, top = 12): string {
  const file = join(PROFILE_DIR, `${name}.cpuprofile`)
  if (!existsSync(file)) return `_${label}: no profile at ${file}_`
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))

  let idle = 0
  let busy = 0
  const frames = new Map<string, number>()
  const packages = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    if (functionName === '(idle)') {
      idle += us
      continue
    }
    busy += us
    const where = url ? `${url.split('/').slice(-1)[0]}:${lineNumber + 1}` : ''
    const frame = `${functionName || '(anonymous)'} ${where} [${origin(url)}]`
    frames.set(frame, (frames.get(frame) ?? 0) + us)
    packages.set(origin(url), (packages.get(origin(url)) ?? 0) + us)
  }
  // inclusive time of this repository's functions: which of our steps costs what, callees included
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const ours = new Map<string, number>()
  for (const [leaf, us] of selfUs) {
    const seen = new Set<string>()
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const { functionName, url } = byId.get(id)!.callFrame
      if (!isOurs(url)) continue
      // tsx's transpiled line numbers do not match the sources: name and file only
      const frame = `${functionName || '(anonymous)'} ${url.split('/src/').pop()}`
      if (seen.has(frame)) continue
      seen.add(frame)
      ours.set(frame, (ours.get(frame) ?? 0) + us)
    }
  }
  const tasks = longTasks(profile, byId, parent)
  const pct = (us: number) => `${((100 * us) / Math.max(1, busy)).toFixed(1)} %`
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
  return [
    `**${label}** (\`bench/profiles/${name}.cpuprofile\`): busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s; shares of busy time.`,
    '',
    table(
      ['self time', 'frame'],
      sorted(frames).map(([f, us]) => [pct(us), `\`${f}\``]),
    ),
    '',
    table(
      ['self time', 'package'],
      sorted(packages).map(([p, us]) => [pct(us), p]),
    ),
    '',
    ...(tasks.length
      ? [
          table(
            ['long task ms', 'spent in (outermost frame of this repository or a package, share of the task)'],
            tasks.map((t) => [t.ms.toFixed(1), t.what]),
          ),
          '',
        ]
      : []),
    ...(ours.size
      ? [
          table(
            ['total time (callees included)', 'function of this repository'],
            sorted(ours).map(([f, us]) => [pct(us), `\`${f}\``]),
          ),
          '',
        ]
      : []),
  ].join('\n')
}

/**
 * The longest runs of busy samples: the event loop was blocked that long, and nothing else
 * (no fan-out, no acknowledgement) happened meanwhile. Each is attributed to the outermost
 * frame of this repository on its stacks, else of a package.
 */
function longTasks(
  profile: CpuProfile,
  byId: Map<number, ProfileNode>,
  parent: Map<number, number>,
  { minMs = 10, top = 6 } = {},
): { ms: number; what: string }[] {
  const rootward = (leaf: number) => {
    let ours: string | undefined
    let pkg: string | undefined
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const { functionName, url } = byId.get(id)!.callFrame
      const where = origin(url)
      if (isOurs(url)) ours = `${functionName || '(anonymous)'} (${url.split('/src/').pop()})`
      else if (url && !where.startsWith('node core')) pkg = `${functionName || '(anonymous)'} (${where})`
    }
    const { functionName } = byId.get(leaf)!.callFrame
    return ours ?? pkg ?? functionName
  }
  const tasks: { ms: number; spent: Map<string, number> }[] = []
  let current: { ms: number; spent: Map<string, number> } | undefined
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    if (byId.get(id)!.callFrame.functionName === '(idle)') {
      if (current) tasks.push(current)
      current = undefined
      return
    }
    current ??= { ms: 0, spent: new Map() }
    current.ms += us / 1000
    const what = rootward(id)
    current.spent.set(what, (current.spent.get(what) ?? 0) + us / 1000)
  })
  if (current) tasks.push(current)
  return tasks
    .filter((t) => t.ms >= minMs)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((t) => ({
      ms: t.ms,
      what: [...t.spent.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([w, ms]) => `\`${w}\` ${((100 * ms) / t.ms).toFixed(0)} %`)
        .join(', '),
    }))
}
