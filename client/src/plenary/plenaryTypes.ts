/**
 * What the plénière routes answer (docs/api.md, "Plénières"). Only the fields the
 * client reads are typed; the server may send more.
 */
export type PlenaryStatus = 'open' | 'closed'
export type Moderation = 'before' | 'after'

/** A plénière as its facilitators see it. */
export interface Plenary {
  id: string
  code: string
  joinUrl: string
  title: string
  status: PlenaryStatus
  supportsPerParticipant: number
  moderation: Moderation
  endsAt: string | null
  openedAt?: string | null
  closedAt?: string | null
  participantCount?: number
  conventionId?: string
}

export interface NewPlenary {
  title: string
  supportsPerParticipant: number
  moderation: Moderation
  endsAt?: string
}

/** What anyone with the code may read. */
export interface PublicPlenary {
  title: string
  conventionTitle: string
  status: PlenaryStatus
  /** the budget, when the server says it (else the participant's first answer gives `remaining`) */
  supportsPerParticipant?: number
  conventionId?: string
}

export interface Participant {
  id: string
  name: string
}

export interface FacilitatedParticipant extends Participant {
  joinedAt: string
  excluded: boolean
}

export interface RankedFiche {
  blockId: string
  supports: number
}

export type CommentAnchor = { blockId: string } | { from: string; to: string }

export interface PlenaryComment {
  threadId: string
  anchor: { blockId?: string | null; quote?: string; detached?: boolean } & Record<string, unknown>
  participant: Participant
  body: string
  createdAt: string
  hidden: boolean
}

export interface PlenaryDetails {
  plenary: Plenary
  participants: FacilitatedParticipant[]
  ranking: RankedFiche[]
  comments: PlenaryComment[]
}

export interface Joined {
  participant: Participant
  token: string
}

export interface SupportsAnswer {
  supports: string[]
  remaining: number
}

/** `GET /api/plenaries/:code/me`: who the participant's cookie is, their supports and budget */
export interface ParticipantState {
  participant: Participant
  plenary: PublicPlenary & { supportsPerParticipant: number; endsAt: string; moderation?: Moderation }
  supports: string[]
  remaining: number
  comments: PlenaryComment[]
}
