import { ORGANISATION_KIND_LABELS, type Member } from '@ctg/shared'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api/apiClient.js'

function organisationOf(member: Member): string | null {
  if (member.organisationName) return member.organisationName
  return member.organisationKind ? ORGANISATION_KIND_LABELS[member.organisationKind] : null
}

/**
 * Each member's organisation, for the comments' authors ("Caf de la Somme"); fetched
 * again when an author is not among the members known (someone invited meanwhile).
 */
export function useOrganisations(conventionId: string, authorIds: string[]): (userId: string) => string | null {
  const [members, setMembers] = useState<Map<string, string | null> | null>(null)
  const missing = members !== null && authorIds.some((id) => !members.has(id))
  const [asked, setAsked] = useState(0)

  useEffect(() => {
    let cancelled = false
    api.listMembers(conventionId).then(
      (list) => !cancelled && setMembers(new Map(list.map((m) => [m.id, organisationOf(m)]))),
      () => !cancelled && setMembers((current) => current ?? new Map()),
    )
    return () => {
      cancelled = true
    }
  }, [conventionId, asked])

  // once per new unknown author: a former member stays unknown without asking again and again
  const [lastMissing, setLastMissing] = useState('')
  const key = missing ? authorIds.filter((id) => !members!.has(id)).join(',') : ''
  useEffect(() => {
    if (key && key !== lastMissing) {
      setLastMissing(key)
      setAsked((n) => n + 1)
    }
  }, [key, lastMissing])

  return useCallback((userId: string) => members?.get(userId) ?? null, [members])
}
