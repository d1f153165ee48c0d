import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useLiveDocument } from './useLiveDocument.js'
import { useYVersion } from './useYVersion.js'
import { fichesOf, type FicheOutline } from './yContent.js'

/**
 * The convention's fiches as they are named now, read live (a fiche renamed during the
 * plénière is shown under its new name), and the convention's live messages.
 */
export function usePlenaryFiches(
  conventionId: string,
  onMessage: (payload: string) => void,
): { fiches: FicheOutline[]; title: string; synced: boolean } {
  const live = useLiveDocument(conventionId, { onMessage })
  const fragment = useMemo(() => live?.ydoc.getXmlFragment('default') ?? null, [live?.ydoc])
  const version = useYVersion(fragment as Y.AbstractType<unknown> | null)
  const fiches = useMemo(() => (fragment ? fichesOf(fragment) : []), [fragment, version])
  const title = (live?.ydoc.getMap('meta').get('title') as string | undefined) ?? ''
  return { fiches, title, synced: live?.synced ?? false }
}
