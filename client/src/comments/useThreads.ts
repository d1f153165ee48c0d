import { parseStatelessMessage } from '@ctg/shared'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useCallback, useEffect, useRef, useState } from 'react'
import { commentsApi } from './commentsApi.js'
import type { Thread } from './threadTypes.js'

/** several changes in a burst (a thread and its first replies) cost one request */
const REFRESH_DELAY = 150

export interface ThreadsState {
  threads: Thread[]
  loaded: boolean
  error: unknown
  /** fetches the list again now (after this person's own change) */
  refresh(): void
}

/**
 * The convention's threads, kept current: fetched once, then again whenever the
 * server announces a change on the document's connection (`{"type":"threads"}`)
 * or the connection comes back (changes made meanwhile were not announced to us).
 */
export function useThreads(conventionId: string, provider: HocuspocusProvider | null): ThreadsState {
  const [threads, setThreads] = useState<Thread[]>([])
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const generation = useRef(0)

  const refresh = useCallback(() => {
    const mine = ++generation.current
    commentsApi.list(conventionId).then(
      (list) => {
        // an answer overtaken by a later request would bring back an older list
        if (mine !== generation.current) return
        setThreads(list)
        setLoaded(true)
        setError(null)
      },
      (e: unknown) => mine === generation.current && setError(e),
    )
  }, [conventionId])

  useEffect(() => {
    refresh()
  }, [refresh])

  useEffect(() => {
    if (!provider) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, REFRESH_DELAY)
    }
    const onStateless = ({ payload }: { payload: string }) => {
      if (parseStatelessMessage(payload)?.type === 'threads') later()
    }
    const onSynced = ({ state }: { state: boolean }) => state && later()
    provider.on('stateless', onStateless)
    provider.on('synced', onSynced)
    return () => {
      clearTimeout(timer)
      provider.off('stateless', onStateless)
      provider.off('synced', onSynced)
    }
  }, [provider, refresh])

  return { threads, loaded, error, refresh }
}
