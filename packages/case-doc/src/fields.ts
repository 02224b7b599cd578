/**
 * Names of the top-level shared types of a case doc. Server, web and tests reach the doc only
 * through these names (and the helpers in this package), so renaming one is a single change.
 */
export const CaseDocField = {
  /** Rich-text case summary, a Y.XmlFragment bound to Tiptap's Collaboration extension. */
  summary: 'summary',
  /** Y.Map of conference id → Y.Map of the conference (see conference/doc.ts). */
  conferences: 'conferences',
  /** Y.Map of action item id → Y.Map of the item's fields (see conference/action-items.ts). */
  actionItems: 'actionItems',
} as const;

/**
 * Each conference's 検討内容 (what was discussed, the advice given) is rich text of its own, a
 * top-level Y.XmlFragment named `notes:<conference id>`. Top-level, so no one has to create it:
 * two people starting to write at once write into the same one.
 */
const NOTES_PREFIX = 'notes:';

export function conferenceNotesField(conferenceId: string): string {
  return NOTES_PREFIX + conferenceId;
}

/** The conference whose 検討内容 a top-level type is, if it is one. */
export function notesConferenceId(rootName: string): string | undefined {
  return rootName.startsWith(NOTES_PREFIX) ? rootName.slice(NOTES_PREFIX.length) : undefined;
}

/** Keys inside one conference's Y.Map. */
export const ConferenceKey = {
  date: 'date',
  kind: 'kind',
  status: 'status',
  place: 'place',
  startedAt: 'startedAt',
  closedAt: 'closedAt',
  /** Y.Map of userId → Participant. */
  participants: 'participants',
  /** Y.Array of Attendee: those present without an account, listed by the 司会. */
  attendees: 'attendees',
  /** Y.Array of RegionalIssue: 地域課題 the conference saw in this case. */
  issues: 'issues',
  /** Y.Map of userId → RoleAssignment. */
  roles: 'roles',
  /** Y.Array of AgendaItem. */
  agenda: 'agenda',
  /** AgendaTimer, one plain value replaced as a whole. */
  timer: 'timer',
} as const;
