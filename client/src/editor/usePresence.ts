import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'

export interface Participant {
  id: string
  name: string
  color: string
  isSelf: boolean
  /** how many tabs or devices this person has open on the document */
  sessions: number
}

function participantsOf(provider: HocuspocusProvider): Participant[] {
  const awareness = provider.awareness
  if (!awareness) return []
  const selfClient = awareness.clientID
  const byUser = new Map<string, Participant>()
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { id?: string; name?: string; color?: string } }).user
    if (!user?.name) return
    const id = user.id ?? `client-${clientId}`
    const existing = byUser.get(id)
    if (existing) {
      existing.sessions += 1
      existing.isSelf ||= clientId === selfClient
    } else {
      byUser.set(id, { id, name: user.name, color: user.color ?? '#555', isSelf: clientId === selfClient, sessions: 1 })
    }
  })
  // the current person first, then by name
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'fr'))
}

/** Who has the document open, from the awareness states (one entry per person). */
export function usePresence(provider: HocuspocusProvider | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([])
  useEffect(() => {
    if (!provider?.awareness) return
    const awareness = provider.awareness
    // awareness changes whenever someone's caret moves: render only when the people change
    let signature = ''
    const refresh = () => {
      const next = participantsOf(provider)
      const nextSignature = JSON.stringify(next)
      if (nextSignature === signature) return
      signature = nextSignature
      setParticipants(next)
    }
    refresh()
    awareness.on('change', refresh)
    return () => awareness.off('change', refresh)
  }, [provider])
  return participants
}
