import { useCallback, useEffect, useRef, useState } from 'react'
import { plenaryApi } from './plenaryApi.js'
import type { PlenaryDetails } from './plenaryTypes.js'

/** how often the view reads the plénière again should a live message be missed */
const POLL_MS = 5_000
/** live messages come in bursts (a room supporting at once): one read per window */
const COALESCE_MS = 250

/**
 * The facilitator's data (participants, comments, ranking), read again when a live
 * message says something happened (`reload`), and every few seconds as a safety net.
 */
export function usePlenaryDetails(conventionId: string, plenaryId: string) {
  const [details, setDetails] = useState<PlenaryDetails | null>(null)
  const [error, setError] = useState<unknown>(null)
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  const inFlight = useRef(false)
  const again = useRef(false)

  const read = useCallback(async () => {
    if (inFlight.current) {
      again.current = true
      return
    }
    inFlight.current = true
    try {
      setDetails(await plenaryApi.details(conventionId, plenaryId))
      setError(null)
    } catch (e) {
      setError(e)
    } finally {
      inFlight.current = false
      if (again.current) {
        again.current = false
        void read()
      }
    }
  }, [conventionId, plenaryId])

  const reload = useCallback(() => {
    if (pending.current) return
    pending.current = setTimeout(() => {
      pending.current = null
      void read()
    }, COALESCE_MS)
  }, [read])

  useEffect(() => {
    void read()
    const timer = setInterval(() => void read(), POLL_MS)
    return () => {
      clearInterval(timer)
      if (pending.current) clearTimeout(pending.current)
      pending.current = null
    }
  }, [read])

  return { details, error, reload, setDetails }
}
