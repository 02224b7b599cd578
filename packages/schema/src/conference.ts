import { z } from 'zod';
import { boundedText } from './case.ts';
import { DATE_ASKED } from './japanese-issues.ts';

/**
 * Kinds of conference a case can have: 地域ケア会議 (個別ケース検討, 自立支援型, 地域課題検討),
 * the 支援会議 whose members the law binds to secrecy (社会福祉法 第106条の6, 生活困窮者自立支援法
 * 第9条), and the 支援調整会議 that settles a support plan.
 */
export const CONFERENCE_KINDS = ['個別ケース検討', '自立支援型', '支援会議', '支援調整会議', '地域課題検討'] as const;
export const ConferenceKind = z.enum(CONFERENCE_KINDS);
export type ConferenceKind = z.infer<typeof ConferenceKind>;

/**
 * A conference is planned, then run live once, then closed for good; or, planned, it is called off
 * (`cancelled`, 中止) and kept so, so the case's history says so.
 */
export const CONFERENCE_STATUSES = ['scheduled', 'live', 'closed', 'cancelled'] as const;
export const ConferenceStatus = z.enum(CONFERENCE_STATUSES);
export type ConferenceStatus = z.infer<typeof ConferenceStatus>;

/** The agencies that take part in conferences; その他 carries its name as free text. */
export const AGENCY_KINDS = [
  '地域包括支援センター',
  '社会福祉協議会',
  '行政',
  '居宅介護支援事業所',
  '医療機関',
  '民生委員',
  'その他',
] as const;
export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;

/**
 * Where a participant or an action item's owner belongs: its kind (filters and counts go by it) and,
 * in `other`, its own name (北病院 as a 医療機関), which is how it reads. その他 needs the name.
 */
export const Agency = z
  .strictObject({ kind: AgencyKind, other: boundedText(80).optional() })
  .refine((agency) => agency.kind !== 'その他' || agency.other !== undefined, {
    message: 'その他の場合は機関名を入力してください',
    path: ['other'],
  });
export type Agency = z.infer<typeof Agency>;

/** How an agency reads in the UI: its name when known, its kind otherwise. */
export function agencyLabel(agency: Agency): string {
  return agency.other ?? agency.kind;
}

/** An agency named with its kind, where both matter (a comparison of two records): 北病院（医療機関）, or 民生委員 alone. */
export function agencyWithKind(agency: Agency): string {
  return agency.other === undefined ? agency.kind : `${agency.other}（${agency.kind}）`;
}

/**
 * A named agency as an Agency: of `kind` when known (a registered agency's), else of the kind its
 * name is (民生委員), else その他; its name kept unless it is just the kind.
 */
export function agencyOf(name: string, kind?: AgencyKind): Agency {
  const filed = kind ?? AGENCY_KINDS.find((k) => k === name) ?? 'その他';
  return filed === name && filed !== 'その他' ? { kind: filed } : { kind: filed, other: name };
}

/** Live roles in a conference. 司会 runs it; オブザーバー only watches (read-only). */
export const CONFERENCE_ROLES = ['司会', '記録', '事例提供者', '助言者', '参加者', 'オブザーバー'] as const;
export const ConferenceRole = z.enum(CONFERENCE_ROLES);
export type ConferenceRole = z.infer<typeof ConferenceRole>;

/** Professions typically invited as 助言者 (suggestions; free text allowed). */
export const ADVISOR_PROFESSION_SUGGESTIONS = ['理学療法士', '作業療法士', '薬剤師', '管理栄養士', '歯科衛生士', '医師', '看護師'] as const;

/** The longest 職種 (a participant's, an advisor's): inputs take no more. */
export const PROFESSION_MAX_LENGTH = 40;

/** A role given to one person (keyed by userId in the doc); an advisor names their profession. */
export const RoleAssignment = z.strictObject({
  role: ConferenceRole,
  profession: boundedText(PROFESSION_MAX_LENGTH).optional(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const UserId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '利用者IDの形式が正しくありません（半角英数字と _ - の8〜64文字）');

/** The longest name of a person (a participant, an attendee, an owner), and an attendee's 所属・続柄: inputs take no more. */
export const NAME_MAX_LENGTH = 60;

export const Participant = z.strictObject({
  userId: UserId,
  name: boundedText(NAME_MAX_LENGTH),
  agency: Agency,
  profession: boundedText(PROFESSION_MAX_LENGTH).optional(),
  /**
   * Epoch ms when they confirmed, for this conference, that what they learn in it stays in it
   * (守秘義務の確認), as the signed attendance list of a paper conference records. Only they write it.
   */
  confidentialityConfirmedAt: z.number().int().nonnegative().optional(),
  /**
   * They only read the case (閲覧のみ), as their own page writes from their sign-in's access (the
   * server refuses a reader's entry without it): given 司会, they could run nothing, so they do not
   * count as one (canFacilitate). Absent for everyone else, and in entries older than it.
   */
  readOnly: z.literal(true).optional(),
});
export type Participant = z.infer<typeof Participant>;

/**
 * A participant's 職種 as listed beside their 所属: none when it only says the 所属 again — a family
 * member invited as 長女 who gives 長女 as 職種 too, a 民生委員 as 民生委員 — which the attendance
 * list, the record and the minutes would read 「長女・長女」.
 */
export function professionBeside(participant: Pick<Participant, 'agency' | 'profession'>): string | undefined {
  const profession = participant.profession?.trim();
  return profession && profession !== agencyLabel(participant.agency) ? profession : undefined;
}

/** 所属 and 職種 as one line of the attendance list: 北病院・看護師; 長女 (see professionBeside). */
export function affiliationWithProfession(participant: Pick<Participant, 'agency' | 'profession'>): string {
  const profession = professionBeside(participant);
  return profession ? `${agencyLabel(participant.agency)}・${profession}` : agencyLabel(participant.agency);
}

/** Ids of things inside a case doc (conferences, agenda and action items), made by the client. */
export const ItemId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'IDの形式が正しくありません（半角英数字と _ - の6〜64文字）');

/**
 * Someone at the conference without an account here (本人, 家族, a professional attending once),
 * listed by the 司会 so that the attendance list, and the minutes' 出席者, name everyone present.
 */
export const Attendee = z.strictObject({
  id: ItemId,
  name: boundedText(NAME_MAX_LENGTH),
  /** 所属・続柄 as the minutes give it: 本人, 長女, ○○訪問看護ステーション. */
  affiliation: boundedText(NAME_MAX_LENGTH),
  /**
   * Epoch ms when the 司会 confirmed 守秘義務 with them in the room (a professional attending once);
   * none for 本人 and 家族, whose own matters are discussed.
   */
  confidentialityConfirmedAt: z.number().int().nonnegative().optional(),
});
export type Attendee = z.infer<typeof Attendee>;

export const NewAttendeeInput = Attendee.pick({ name: true, affiliation: true, confidentialityConfirmedAt: true });
export type NewAttendeeInput = z.infer<typeof NewAttendeeInput>;

/**
 * A 地域課題 a conference saw in one case: what the area lacks or needs (「移動手段がなく買い物に
 * 困る高齢者が多い」). Gathered across cases (地域課題の発見), for the 地域ケア推進会議.
 */
export const REGIONAL_ISSUE_MAX_LENGTH = 200;
export const RegionalIssue = z.strictObject({ id: ItemId, text: boundedText(REGIONAL_ISSUE_MAX_LENGTH) });
export type RegionalIssue = z.infer<typeof RegionalIssue>;

export const NewRegionalIssueInput = RegionalIssue.pick({ text: true });
export type NewRegionalIssueInput = z.infer<typeof NewRegionalIssueInput>;

/** A calendar date, as the conference and due dates are written (2026-11-23). */
export const IsoDate = z.iso.date();

/**
 * A date typed into a form (開催日, 期限): an IsoDate of this century. A slip of the keyboard in a
 * date field (a year of 0020 or 2206) is asked again rather than written. Dates already stored
 * stay IsoDate, so that none written before is dropped as unreadable.
 */
export const TypedDate = IsoDate.refine((date) => date >= '2000-01-01' && date <= '2099-12-31', {
  message: DATE_ASKED,
  when: ({ issues }) => issues.length === 0, // a date not well formed is asked for once
});

/** The longest 議題 name, and the longest time box in minutes: inputs take no more. */
export const AGENDA_TITLE_MAX_LENGTH = 60;
export const AGENDA_MINUTES_MAX = 180;
const inTimeBox = `1〜${AGENDA_MINUTES_MAX}分にしてください`;

export const AgendaItem = z.strictObject({
  id: ItemId,
  title: boundedText(AGENDA_TITLE_MAX_LENGTH),
  minutes: z.number({ error: inTimeBox }).int(inTimeBox).min(1, inTimeBox).max(AGENDA_MINUTES_MAX, inTimeBox),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/**
 * The shared agenda timer. Clients store when it was started, not how long it has run, so every
 * participant computes the same running time from the same fields.
 */
export const AgendaTimer = z.strictObject({
  /** The agenda item being timed (null before the first item). */
  itemId: ItemId.nullable(),
  /** Epoch ms when the timer was last started; null while paused. */
  runningSince: z.number().int().nonnegative().nullable(),
  /** Time run before `runningSince` (sum of the earlier running spans of this item). */
  elapsedMs: z.number().int().nonnegative(),
  /**
   * The time each other item has run so far, by item id: an item's time goes here when the timer
   * moves on to another, and comes back when it returns, so the record says how long each took.
   */
  spentMs: z.record(ItemId, z.number().int().nonnegative()).optional(),
});
export type AgendaTimer = z.infer<typeof AgendaTimer>;

/** The longest 場所 of a conference: its input takes no more. */
export const PLACE_MAX_LENGTH = 80;

/** A conference's own fields (participants, roles, agenda and timer are read separately). */
export const ConferenceFields = z.strictObject({
  id: ItemId,
  date: IsoDate,
  kind: ConferenceKind,
  status: ConferenceStatus,
  /** 場所 (e.g. 「市役所 第2会議室」), shown in the minutes. */
  place: boundedText(PLACE_MAX_LENGTH).optional(),
  /** Epoch ms. */
  startedAt: z.number().int().nonnegative().optional(),
  closedAt: z.number().int().nonnegative().optional(),
});
export type ConferenceFields = z.infer<typeof ConferenceFields>;

export const ScheduleConferenceInput = ConferenceFields.pick({ date: true, kind: true, place: true }).extend({ date: TypedDate });
export type ScheduleConferenceInput = z.infer<typeof ScheduleConferenceInput>;

export const ACTION_ITEM_STATUSES = ['未着手', '対応中', '完了', '中止'] as const;
export const ActionItemStatus = z.enum(ACTION_ITEM_STATUSES);
export type ActionItemStatus = z.infer<typeof ActionItemStatus>;

export const PROGRESS_MAX_LENGTH = 200;

const What = boundedText(200);
const Progress = boundedText(PROGRESS_MAX_LENGTH);

/** 担当者: the person and their agency, written (and so kept as versions) together. */
export const ActionItemOwner = z.strictObject({ name: boundedText(NAME_MAX_LENGTH), agency: Agency });
export type ActionItemOwner = z.infer<typeof ActionItemOwner>;

/**
 * The fields of an item kept as versions (case-doc's action-item-versions.ts): each write replaces
 * the versions its writer saw, so people who wrote one without seeing each other's (one of them
 * offline) leave one version each, every one kept until someone writes the field again.
 */
export const VERSIONED_FIELDS = ['what', 'owner', 'due', 'status', 'progress'] as const;
export type VersionedField = (typeof VERSIONED_FIELDS)[number];

/** Every version of a field that holds two or more (differing), in the order readers share: the first is the one used where only one can be. */
export const ActionItemConflicts = z
  .strictObject({
    what: z.array(What).min(2),
    owner: z.array(ActionItemOwner).min(2),
    due: z.array(IsoDate).min(2),
    status: z.array(ActionItemStatus).min(2),
    progress: z.array(Progress).min(2),
  })
  .partial();
export type ActionItemConflicts = z.infer<typeof ActionItemConflicts>;

/** Something someone agreed to do at a conference, followed up (モニタリング) at the next ones. */
export const ActionItem = z.strictObject({
  id: ItemId,
  /** The conference where it was agreed. */
  conferenceId: ItemId,
  what: What,
  ownerName: ActionItemOwner.shape.name,
  ownerAgency: Agency,
  due: IsoDate,
  status: ActionItemStatus,
  /** The conference where the status was last changed: the one live then (reviewed there, in its 決定事項). */
  statusConferenceId: ItemId.optional(),
  /**
   * Instead, when no conference was live: the status was last changed between conferences, after
   * this one was held (absent when none had been), so the next one held reviews it.
   */
  statusChangedAfter: ItemId.optional(),
  /**
   * The conference held that reviewed that change between conferences, stamped when it closed: a
   * change that reached the others only after the next conference closed is reviewed at the one
   * held after it arrives, and each change is reviewed once.
   */
  statusReviewedAt: ItemId.optional(),
  /** 経過: what has been done so far, as told at the review (「12/3 初回訪問。本人の拒否なし」). */
  progress: Progress.optional(),
  /**
   * The fields written by people who had not seen each other's (see VERSIONED_FIELDS): all their
   * versions. The fields above then hold the first, for sorting, 期限超過 and labels; whatever
   * shows the item says it holds several (actionItemTexts, or versionsOf).
   */
  conflicts: ActionItemConflicts.optional(),
});
export type ActionItem = z.infer<typeof ActionItem>;

/** One version of a field, as `conflicts` lists them. */
export type VersionOf<F extends VersionedField> = NonNullable<ActionItemConflicts[F]>[number];

/** A field's versions: usually one (none for an unwritten 経過), two or more when in conflict. */
export function versionsOf<F extends VersionedField>(item: ActionItem, field: F): VersionOf<F>[] {
  const several = item.conflicts?.[field];
  if (several) return several;
  const one = field === 'owner' ? { name: item.ownerName, agency: item.ownerAgency } : item[field as Exclude<F, 'owner'>];
  return one === undefined ? [] : [one as VersionOf<F>];
}

/** Versions of a field, as text side by side. */
export const sideBySide = (versions: readonly string[]) => versions.join(' ／ ');

/**
 * An item's columns (ACTION_ITEM_LABELS) as text, each with all its versions side by side when
 * it holds several, so that no reader of the minutes, an export, a search or a diff is shown one
 * of them as if it were the only one. `date` shows a due date.
 */
export function actionItemTexts(item: ActionItem, date: (isoDate: string) => string = (isoDate) => isoDate) {
  const all = <F extends VersionedField>(field: F, show: (version: VersionOf<F>) => string) => sideBySide(versionsOf(item, field).map(show));
  return {
    what: all('what', String),
    ownerName: all('owner', (owner) => owner.name),
    ownerAgency: all('owner', (owner) => agencyLabel(owner.agency)),
    /** Its kind (担当機関, what lists filter and count by) and its own name (機関名: 北病院), when known. */
    ownerAgencyKind: all('owner', (owner) => owner.agency.kind),
    ownerAgencyName: all('owner', (owner) => owner.agency.other ?? ''),
    due: all('due', date),
    status: all('status', String),
    progress: all('progress', String),
  };
}

export const NewActionItemInput = ActionItem.pick({ what: true, ownerName: true, ownerAgency: true, due: true }).extend({ due: TypedDate });
export type NewActionItemInput = z.infer<typeof NewActionItemInput>;
