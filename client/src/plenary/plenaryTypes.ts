/**
 * What the plénière routes take and answer, from the shared schemas (docs/api.md,
 * "Plénières"), under the names the client uses.
 */
export type {
  AnchorRequest as CommentAnchor,
  CreatePlenaryBody as NewPlenary,
  JoinPlenaryResponse as Joined,
  Plenary,
  PlenaryComment,
  PlenaryDetailResponse as PlenaryDetails,
  PlenaryModeration as Moderation,
  RankingEntry as RankedFiche,
  SupportsResponse as SupportsAnswer,
} from '@ctg/shared'
import type { ParticipantStateResponse, PublicPlenaryResponse } from '@ctg/shared'

/** What anyone with the code may read. */
export type PublicPlenary = PublicPlenaryResponse['plenary']

/** `GET /api/plenaries/:code/me`; `conventionId` names the shared document the phone opens read-only. */
export type ParticipantState = ParticipantStateResponse
