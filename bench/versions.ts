import { diffConventions, yDocToConvention, type Convention } from '@ctg/shared'
import { Y_DOC_OPTIONS } from '@ctg/server'
import * as Y from 'yjs'
import { runIfMain } from './lib/cli.js'
import { startInProcessServer } from './lib/inProcessServer.js'
import { bigConvention } from './lib/conventions.js'
import { fmtMs, fmtRatio } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { median } from './lib/stats.js'

/**
 * Versions of the 80-fiche convention: the list of 1,000 versions, the structured diff of
 * two versions, opening a version read-only; each over HTTP on a real server in this
 * process (SQLite), against the live JSON export of the same convention as the baseline.
 */

const VERSIONS = 1000
const RUNS = 20
const GOAL_MS = 200

async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

export async function main(_argv: string[] = []): Promise<void> {
  const server = await startInProcessServer('versions')
  const { ctg, token, http } = server
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(http + path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    })
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<unknown>
  }
  try {
    const { id } = (await api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: bigConvention() }),
    })) as { id: string }
    const c = `/api/conventions/${id}`
    const name = async (label: string) => {
      const t0 = performance.now()
      const { version } = (await api(`${c}/versions`, { method: 'POST', body: JSON.stringify({ name: label }) })) as {
        version: { id: string }
      }
      return { id: version.id, ms: performance.now() - t0 }
    }
    const v1 = await name('v1')

    // between the two versions: five fiche titles retyped and a key action removed, on the server's document
    const connection = await ctg.server.hocuspocus.openDirectConnection(id, {})
    await connection.transact((doc) => {
      const titles: Y.XmlText[] = []
      const keyActions: Y.XmlElement[] = []
      const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
        for (const child of parent.toArray()) {
          if (!(child instanceof Y.XmlElement)) continue
          if (child.nodeName === 'ficheTitle' && child.get(0) instanceof Y.XmlText)
            titles.push(child.get(0) as Y.XmlText)
          if (child.nodeName === 'keyAction') keyActions.push(child)
          walk(child)
        }
      }
      walk(doc.getXmlFragment('default'))
      for (const title of titles.slice(0, 5)) title.insert(0, 'Révisé : ')
      const gone = keyActions[3]!
      ;(gone.parent as Y.XmlElement).delete((gone.parent as Y.XmlElement).toArray().indexOf(gone), 1)
    })
    await connection.disconnect()
    const v2 = await name('v2')

    // the rest of the 1,000 versions: copies of v2's row (the list never reads their content)
    const row = (await ctg.store.versions.read(id, v2.id))!
    for (let i = 2; i < VERSIONS; i++)
      await ctg.store.versions.add({ ...row, id: `v-bench-${i}`, kind: 'auto', name: null })

    const listed = (await api(`${c}/versions`)) as { versions: unknown[] }
    if (listed.versions.length !== VERSIONS)
      throw new Error(`expected ${VERSIONS} versions, got ${listed.versions.length}`)
    const changes = ((await api(`${c}/diff?from=${v1.id}&to=${v2.id}`)) as { changes: unknown[] }).changes

    const before = JSON.parse((await ctg.store.versions.read(id, v1.id))!.json) as Convention
    const after = JSON.parse(row.json) as Convention
    const baseline = await time(RUNS, () => api(`${c}/export?format=json`))
    const figures: [string, number][] = [
      [`list of ${VERSIONS} versions (\`GET …/versions\`)`, await time(RUNS, () => api(`${c}/versions`))],
      [
        `diff of two versions (\`GET …/diff\`, ${changes.length} changes)`,
        await time(RUNS, () => api(`${c}/diff?from=${v1.id}&to=${v2.id}`)),
      ],
      ['diff of a version with now (`to=current`)', await time(RUNS, () => api(`${c}/diff?from=${v1.id}&to=current`))],
      ['diff alone, in process (`diffConventions`)', await time(RUNS, async () => diffConventions(before, after))],
      [
        'open a version read-only (`GET …/versions/:id/export`)',
        await time(RUNS, () => api(`${c}/versions/${v1.id}/export?format=json`)),
      ],
      [
        'reopen its Yjs state exactly (`Y.applyUpdate` + `yDocToConvention`)',
        await time(RUNS, async () => {
          const doc = new Y.Doc(Y_DOC_OPTIONS)
          Y.applyUpdate(doc, row.state)
          yDocToConvention(doc)
          doc.destroy()
        }),
      ],
      ['name a version (`POST …/versions`, once)', v2.ms],
    ]
    const rows = figures.map(([label, ms]) => [label, fmtMs(ms), fmtRatio(ms / baseline), ms < GOAL_MS ? 'yes' : 'NO'])
    const markdown = [
      '## Versions (80 fiches, 10 tables, 20 signatories; SQLite)',
      '',
      `Median of ${RUNS} runs over HTTP on a server in this process. Baseline: the live JSON export of the`,
      `same convention (\`GET …/export\`), ${fmtMs(baseline)} ms. Goal: each under ${GOAL_MS} ms.`,
      '',
      table(
        ['operation', 'ms', 'vs live export', `< ${GOAL_MS} ms`],
        [['live export (baseline)', fmtMs(baseline), '1.00×', baseline < GOAL_MS ? 'yes' : 'NO'], ...rows],
      ),
    ].join('\n')
    console.log(markdown)
    writeSection('versions', markdown)
  } finally {
    await server.stop()
  }
}

runIfMain(import.meta.url, main)
