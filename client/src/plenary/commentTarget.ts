/** What a participant comments: a whole fiche or key action, or a passage selected in the text. */
export type CommentTarget =
  | { kind: 'block'; blockId: string; label: string }
  | { kind: 'passage'; anchor: { from: string; to: string }; quote: string; label: string }
