import type { HocuspocusProvider } from '@hocuspocus/provider'
import { parseStatelessMessage } from '@ctg/shared'
import { useEffect, useState } from 'react'
import { plenaryApi } from './plenaryApi.js'
import type { Plenary } from './plenaryTypes.js'

/** joins come in bursts when a room scans the QR code: one read per window */
const COALESCE_MS = 1_000

/**
 * The convention's plénières that are open now, for the editor's header: read when the page
 * opens, then again when a live message says someone joined or the facilitator closed one.
 * The writers see how many phones follow the document (participants have no presence).
 */
export function useOpenPlenaries(conventionId: string, provider: HocuspocusProvider | null): Plenary[] {
  const [open, setOpen] = useState<Plenary[]>([])
  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const read = () =>
      plenaryApi.list(conventionId).then(
        (all) => !cancelled && setOpen(all.filter((p) => p.status === 'open')),
        // a member who may not list them, or the network: the header shows nothing
        () => undefined,
      )
    void read()
    const onMessage = ({ payload }: { payload: string }) => {
      if (parseStatelessMessage(payload)?.type !== 'plenary' || timer) return
      timer = setTimeout(() => {
        timer = null
        void read()
      }, COALESCE_MS)
    }
    provider?.on('stateless', onMessage)
    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
      provider?.off('stateless', onMessage)
    }
  }, [conventionId, provider])
  return open
}
