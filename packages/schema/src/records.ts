import { z } from 'zod';
import { boundedText, CaseId, Instant } from './case.ts';
import { ActionItem, AgendaItem, AgendaTimer, Attendee, ConferenceFields, IsoDate, Participant, RegionalIssue, RoleAssignment } from './conference.ts';

/** Ids of conference records appear in URLs, so they use the same URL-safe alphabet as case ids. */
export const RecordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '記録IDの形式が正しくありません（半角英数字と _ - の1〜64文字）');
export type RecordId = z.infer<typeof RecordId>;

/** A record is taken when a conference is closed, or by hand during one ("save a version"). */
export const RecordKind = z.enum(['closed-conference', 'manual']);
export type RecordKind = z.infer<typeof RecordKind>;

/** Who took a record (for a closed conference: who closed it). */
export const RecordActor = z.object({ userId: z.string(), name: z.string(), agency: z.string() });
export type RecordActor = z.infer<typeof RecordActor>;

/** What a record is, without its content: enough to list, filter and cite it. */
export const ConferenceRecordMeta = z.object({
  id: RecordId,
  caseId: CaseId,
  /** The conference it records; null for a manual version. */
  conferenceId: z.string().nullable(),
  kind: RecordKind,
  label: z.string(),
  takenAt: z.iso.datetime(),
  takenBy: RecordActor,
  /** SHA-256 (hex) of the stored Yjs state, so anyone can check the record was not altered. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ConferenceRecordMeta = z.infer<typeof ConferenceRecordMeta>;

/** A conference closed a moment ago whose record is still being taken (it waits for the last words of its 検討内容). */
export const RecordBeingTaken = z.object({ conferenceId: z.string(), label: z.string() });
export type RecordBeingTaken = z.infer<typeof RecordBeingTaken>;

export const ConferenceRecordList = z.object({ records: z.array(ConferenceRecordMeta), beingTaken: z.array(RecordBeingTaken) });
export type ConferenceRecordList = z.infer<typeof ConferenceRecordList>;

/** A record's case doc read through the shared model (packages/case-doc), as JSON. */
export const RecordConference = ConferenceFields.extend({
  participants: z.array(Participant),
  attendees: z.array(Attendee),
  issues: z.array(RegionalIssue),
  roles: z.record(z.string(), RoleAssignment),
  agenda: z.array(AgendaItem),
  timer: AgendaTimer,
  /** Its 検討内容 (what was discussed), one line per block as the summary's. */
  notes: z.array(z.string()),
});
export type RecordConference = z.infer<typeof RecordConference>;

export const RecordContent = z.object({
  /** The case summary, one line per block. */
  summary: z.array(z.string()),
  /** Every conference of the case as it stood, earliest first. */
  conferences: z.array(RecordConference),
  actionItems: z.array(ActionItem),
  /** Values in the doc that did not pass validation (left out above), described for a notice. */
  problems: z.array(z.string()),
});
export type RecordContent = z.infer<typeof RecordContent>;

export const ConferenceRecord = ConferenceRecordMeta.extend({
  /** The case's name as it is now (for the page and the minutes; the record's content has none). */
  caseTitle: z.string(),
  /** The whole case doc as it was, Y.encodeStateAsUpdate in base64 (the read-only view renders it). */
  state: z.base64(),
  content: RecordContent,
  /** Whether the stored state still hashes to contentHash. */
  hashVerified: z.boolean(),
});
export type ConferenceRecord = z.infer<typeof ConferenceRecord>;

/** "Save a version" during a live conference. */
export const CreateManualRecordBody = z.strictObject({ label: boundedText(120) });
export type CreateManualRecordBody = z.infer<typeof CreateManualRecordBody>;

/**
 * The result of restoring a record's summary into the live doc (a new change; history stays).
 * When the live summary already equals the record's, nothing is written and no version is saved.
 */
export const RestoreResult = z.discriminatedUnion('changed', [
  z.object({
    restoredFrom: RecordId,
    changed: z.literal(true),
    /** A record of the live doc taken just before the restore, so the restore itself can be undone. */
    before: ConferenceRecordMeta,
  }),
  z.object({ restoredFrom: RecordId, changed: z.literal(false) }),
]);
export type RestoreResult = z.infer<typeof RestoreResult>;

/** A part of a changed line: what the change left as it was, or what it removed (in the removed line) or added (in the added one). */
export const DiffSpan = z.object({ text: z.string(), changed: z.boolean() });
export type DiffSpan = z.infer<typeof DiffSpan>;

/**
 * A line of a comparison. A removed line paired with the added line that replaced it (a paragraph
 * edited, not rewritten) has `spans`: its text in parts, marking what changed within it.
 */
export const DiffLine = z.object({ op: z.enum(['equal', 'added', 'removed']), text: z.string(), spans: z.array(DiffSpan).optional() });
export type DiffLine = z.infer<typeof DiffLine>;

/** The fields of an action item a comparison of two records names, in the order it names them (each has its label: ACTION_ITEM_LABELS). */
export const ComparedActionItemField = z.enum(['what', 'ownerName', 'ownerAgency', 'due', 'status', 'progress']);
export type ComparedActionItemField = z.infer<typeof ComparedActionItemField>;

/** One field of an action item that differs between two records. */
export const FieldChange = z.object({ field: ComparedActionItemField, from: z.string(), to: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;

export const ActionItemsDiff = z.object({
  /** Items in `to` that `from` did not have. */
  added: z.array(ActionItem),
  /** Items that were open (未着手/対応中) in `from` and are 完了 or 中止 in `to`. */
  closed: z.array(ActionItem),
  /** Other changes to items in both (what, owner, due date, status), field by field. */
  changed: z.array(z.object({ item: ActionItem, changes: z.array(FieldChange) })),
  /** Items of `from` that `to` no longer has. */
  removed: z.array(ActionItem),
});
export type ActionItemsDiff = z.infer<typeof ActionItemsDiff>;

/** A conference's 検討内容 as a record holds it, under the conference's name (2026-11-23 個別ケース検討). */
export const RecordedNotes = z.object({ conference: z.string(), lines: z.array(z.string()) });
export type RecordedNotes = z.infer<typeof RecordedNotes>;

/**
 * The 検討内容 of the conference each record is of. Two records of one conference (a version saved
 * during it, its record at the close): what changed, line by line. Records of two conferences: each
 * one's as it was (the next conference's discussion does not remove the last one's); null where a
 * record is of no conference.
 */
export const NotesCompared = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('one-conference'), lines: z.array(DiffLine) }),
  z.object({ kind: z.literal('two-conferences'), from: RecordedNotes.nullable(), to: RecordedNotes.nullable() }),
]);
export type NotesCompared = z.infer<typeof NotesCompared>;

/** A conference held between the two compared, named as the case names it (2026-11-16 支援会議), and its record (none while it is being taken). */
export const ConferenceBetween = z.object({ conference: z.string(), recordId: RecordId.nullable() });
export type ConferenceBetween = z.infer<typeof ConferenceBetween>;

export const RecordDiff = z.object({
  from: ConferenceRecordMeta,
  to: ConferenceRecordMeta,
  /** The summary line by line: what stayed, what `to` added, what it removed. */
  summary: z.array(DiffLine),
  notes: NotesCompared,
  actionItems: ActionItemsDiff,
  /**
   * The day each record's action items are judged 期限超過 by: the date of the conference it is of,
   * as its record page judges them (null for a version saved before any conference was held).
   */
  asOf: z.object({ from: IsoDate.nullable(), to: IsoDate.nullable() }),
  /**
   * The case's conferences held between the two records' conferences, in order: neither record holds
   * their 検討内容, nor the items agreed and settled there, so the comparison cannot show them.
   */
  between: z.array(ConferenceBetween),
});
export type RecordDiff = z.infer<typeof RecordDiff>;

export const DiffQuery = z.strictObject({ from: RecordId, to: RecordId });

/** Minutes (議事録) come as printable HTML or as Markdown. */
/** 議事録 as printable HTML or as Markdown to download. */
export const MinutesFormat = z.enum(['html', 'md']);
export type MinutesFormat = z.infer<typeof MinutesFormat>;
export const MinutesQuery = z.object({ format: MinutesFormat.default('html') });

/**
 * Filters of the timeline across cases. The records taken from `from` (inclusive) until `before`
 * (exclusive), both instants: the browser turns the days its user picks into their midnights in Japan
 * (a day in Japan starts at 15:00 UTC the day before).
 */
/** The longest keyword of the timeline's filter: its input takes no more. */
export const KEYWORD_MAX_LENGTH = 40;

export const TimelineQuery = z.strictObject({
  area: boundedText(40).optional(),
  /** Words the record must hold (all of them), in its 検討内容, summary, action items or 地域課題, or its case's name, 地区 or label. */
  keyword: boundedText(KEYWORD_MAX_LENGTH).optional(),
  agency: boundedText(80).optional(),
  from: Instant.optional(),
  before: Instant.optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelineEntry = ConferenceRecordMeta.extend({
  /** The day it stands at in its case's course, which the timeline orders and filters by: its conference's date (else the day it was saved). */
  day: z.iso.date(),
  caseTitle: z.string(),
  area: z.string().nullable(),
  /** Agencies that took part (participants and the taker), for the agency filter. */
  agencies: z.array(z.string()),
  /** With a keyword: the record's first line of content holding one of its words, shortened around it (none if only names hold them). */
  excerpt: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The records found, newest first, as many as the server lists at once; `olderLeftOut`: older ones found too are not listed. */
export const Timeline = z.object({ entries: z.array(TimelineEntry), olderLeftOut: z.boolean() });
export type Timeline = z.infer<typeof Timeline>;

/** An action item still open (未着手, 対応中) in one of the cases the caller may see. */
export const OpenActionItem = z.object({
  caseId: CaseId,
  caseTitle: z.string(),
  area: z.string().nullable(),
  item: ActionItem,
  /** The conference that agreed it, as the case names it (conferenceName: 2026-11-23 個別ケース検討; null when that conference is gone). */
  agreedAt: z.string().nullable(),
});
export type OpenActionItem = z.infer<typeof OpenActionItem>;

/**
 * GET /api/action-items: what is still owed across every open case the caller may see, soonest
 * due first, for following up between conferences (モニタリング). Closed cases (終結) are left out.
 */
export const OpenActionItemList = z.object({ items: z.array(OpenActionItem) });
export type OpenActionItemList = z.infer<typeof OpenActionItemList>;

/** A conference as the case list names it. */
export const ConferenceGlance = ConferenceFields.pick({ date: true, kind: true });
export type ConferenceGlance = z.infer<typeof ConferenceGlance>;

/** A 地域課題 in the list across cases: with its case and the conference that saw it. */
export const RegionalIssueEntry = z.object({
  caseId: CaseId,
  caseTitle: z.string(),
  area: z.string().nullable(),
  conference: ConferenceGlance,
  issue: RegionalIssue,
});
export type RegionalIssueEntry = z.infer<typeof RegionalIssueEntry>;

/**
 * GET /api/regional-issues: the 地域課題 seen in every case the caller may see, closed ones too (an
 * area's need outlasts the case that showed it), latest conference first (地域課題の一覧).
 */
export const RegionalIssueList = z.object({ issues: z.array(RegionalIssueEntry) });
export type RegionalIssueList = z.infer<typeof RegionalIssueList>;

/** What the case list shows of one case's conferences: the last one held, the one live now, and the next one scheduled. */
export const CaseActivity = z.object({
  caseId: CaseId,
  /** The closed conference with the latest date: when the case last met (for monitoring how often it does). */
  last: ConferenceGlance.nullable(),
  live: ConferenceGlance.nullable(),
  /** The scheduled conference with the earliest date (even one whose date has passed unheld). */
  next: ConferenceGlance.nullable(),
});
export type CaseActivity = z.infer<typeof CaseActivity>;

/**
 * GET /api/case-activity: for every open case the caller may see, its last, live and next
 * conference, so the case list shows where a conference is under way. Fetched after the list
 * itself, which appears at once; closed cases (終結) are left out, as nobody holds a conference in
 * them.
 */
export const CaseActivityList = z.object({ cases: z.array(CaseActivity) });
export type CaseActivityList = z.infer<typeof CaseActivityList>;
