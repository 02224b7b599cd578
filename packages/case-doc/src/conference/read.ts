import {
  ActionItem,
  AGENCY_KINDS,
  AgendaItem,
  AgendaTimer,
  Attendee,
  ConferenceFields,
  RegionalIssue,
  Participant,
  RoleAssignment,
  UserId,
} from '@care/schema';
import * as Y from 'yjs';
import type { z } from 'zod';
import { CaseDocField, ConferenceKey } from '../fields.ts';
import { withVersionsGathered } from './action-item-versions.ts';
import { compareConferences } from './carry-over.ts';
import { STOPPED_TIMER } from './rules.ts';

/** A conference as the UI and the server read it: every value validated. */
export type Conference = ConferenceFields & {
  participants: Participant[];
  attendees: Attendee[];
  /** 地域課題 the conference saw in this case. */
  issues: RegionalIssue[];
  roles: Record<string, RoleAssignment>;
  agenda: AgendaItem[];
  timer: AgendaTimer;
};

/**
 * Values in the doc come from any peer, so each is validated when read: an invalid one is left
 * out and described in `problems` (for a notice), never thrown at the UI.
 */
export type Read<T> = { value: T; problems: string[] };

export function conferencesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CaseDocField.conferences);
}

export function actionItemsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CaseDocField.actionItems);
}

/** All conferences of the case, earliest first. */
export function readConferences(doc: Y.Doc): Read<Conference[]> {
  const problems: string[] = [];
  const conferences: Conference[] = [];
  conferencesMap(doc).forEach((entry, id) => {
    const conference = readConference(id, entry, problems);
    if (conference) conferences.push(conference);
  });
  return { value: conferences.sort(compareConferences), problems };
}

function readConference(id: string, entry: unknown, problems: string[]): Conference | undefined {
  if (!(entry instanceof Y.Map)) {
    problems.push(`会議 ${id}: 形式が正しくありません`);
    return undefined;
  }
  const json = entry.toJSON() as Record<string, unknown>;
  const { participants, attendees, issues, roles, agenda, timer } = json;
  const parsed = parseConferenceFields(id, json);
  if (!parsed.success) {
    problems.push(describe(`会議 ${id}`, parsed.error));
    return undefined;
  }
  const where = `会議 ${parsed.data.date}`;
  const timerValue = timer === undefined ? STOPPED_TIMER : parseOrReport(AgendaTimer, timer, `${where} タイマー`, problems);
  return {
    ...parsed.data,
    participants: participantsFiledRightly(parseRecord(Participant, participants, `${where} 参加者`, problems), problems),
    attendees: parseList(Attendee, attendees, `${where} 出席者`, problems),
    issues: parseList(RegionalIssue, issues, `${where} 地域課題`, problems),
    roles: parseRecord(RoleAssignment, roles, `${where} 役割`, problems),
    agenda: parseList(AgendaItem, agenda, `${where} 議題`, problems),
    timer: timerValue ?? STOPPED_TIMER,
  };
}

/** The keys of a conference's map that hold its parts, each read on its own (the rest are ConferenceFields). */
const CONFERENCE_PARTS: string[] = [ConferenceKey.participants, ConferenceKey.attendees, ConferenceKey.issues, ConferenceKey.roles, ConferenceKey.agenda, ConferenceKey.timer];

/** A conference's own fields, from its map's values (`json`), as readers take them. */
export function parseConferenceFields(id: string, json: Record<string, unknown>) {
  const fields = Object.fromEntries(Object.entries(json).filter(([key]) => !CONFERENCE_PARTS.includes(key)));
  return ConferenceFields.safeParse({ ...fields, id });
}

/** A participant entry must describe the person it is filed under. */
function participantsFiledRightly(byUserId: Record<string, Participant>, problems: string[]): Participant[] {
  const filedRightly = Object.entries(byUserId).flatMap(([userId, participant]) => {
    if (participant.userId === userId) return [participant];
    problems.push(`参加者 ${userId}: 利用者IDが一致しません`);
    return [];
  });
  return filedRightly.sort(byAgencyThenName);
}

/**
 * The order participants are listed in everywhere (panel, record, minutes): by agency, as
 * AGENCY_KINDS lists them, then by name. A shared map's keys come in a different order on each
 * peer (the order its entries reached that peer), so that order would differ from screen to screen.
 */
function byAgencyThenName(a: Participant, b: Participant): number {
  return (
    AGENCY_KINDS.indexOf(a.agency.kind) - AGENCY_KINDS.indexOf(b.agency.kind) ||
    (a.agency.other ?? '').localeCompare(b.agency.other ?? '', 'ja') ||
    a.name.localeCompare(b.name, 'ja') ||
    a.userId.localeCompare(b.userId)
  );
}

/**
 * Every action item of the case, by due date (then what it is, then id): the same order on every
 * peer, in records and in minutes. (The shared map's own order is the order its entries reached
 * each peer, and an item records no time it was made.)
 */
export function readActionItems(doc: Y.Doc): Read<ActionItem[]> {
  const problems: string[] = [];
  const items: ActionItem[] = [];
  actionItemsMap(doc).forEach((entry, id) => {
    const item = readActionItem(id, entry instanceof Y.Map ? entry.toJSON() : entry, entry instanceof Y.Map, problems);
    if (item) items.push(item);
  });
  return { value: items.sort(byDueThenWhat), problems };
}

/**
 * One action item as readers take it: `fields`, its map's (`inMap`: versions gathered, see
 * action-item-versions.ts), or a plain entry as items were first stored; none when invalid.
 */
export function readActionItem(id: string, fields: unknown, inMap: boolean, problems: string[] = []): ActionItem | undefined {
  const gathered = inMap ? withVersionsGathered(fields as Record<string, unknown>) : fields;
  return parseOrReport(ActionItem, { ...(gathered as object), id }, `対応事項 ${id}`, problems);
}

/** The order action items are listed in wherever they are (readActionItems, minutes): by 期限, then what, then id. */
export function byDueThenWhat(a: ActionItem, b: ActionItem): number {
  return a.due.localeCompare(b.due) || a.what.localeCompare(b.what, 'ja') || a.id.localeCompare(b.id);
}

function parseRecord<T>(schema: z.ZodType<T>, value: unknown, where: string, problems: string[]): Record<string, T> {
  const result: Record<string, T> = {};
  if (value === undefined) return result;
  if (typeof value !== 'object' || value === null) {
    problems.push(`${where}: 形式が正しくありません`);
    return result;
  }
  for (const [userId, entry] of Object.entries(value)) {
    if (!UserId.safeParse(userId).success) {
      problems.push(`${where}: 利用者ID ${userId} が正しくありません`);
      continue;
    }
    const parsed = parseOrReport(schema, entry, `${where} ${userId}`, problems);
    if (parsed) result[userId] = parsed;
  }
  return result;
}

/**
 * A conference's list, each entry once: an entry is moved or changed by replacing it, and two
 * people doing so at the same moment leave two copies; the first one counts.
 */
function parseList<T extends { id: string }>(schema: z.ZodType<T>, value: unknown, where: string, problems: string[]): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: 形式が正しくありません`);
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((entry) => {
    const parsed = parseOrReport(schema, entry, where, problems);
    if (parsed === undefined || seen.has(parsed.id)) return [];
    seen.add(parsed.id);
    return [parsed];
  });
}

function parseOrReport<T>(schema: z.ZodType<T>, value: unknown, where: string, problems: string[]): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(describe(where, parsed.error));
  return undefined;
}

function describe(where: string, error: z.ZodError): string {
  return `${where}: ${error.issues.map((issue) => `${issue.path.join('.') || '値'} ${issue.message}`).join('、')}`;
}

/** The conference's Y.Map, if it exists and is one. */
export function conferenceEntry(doc: Y.Doc, conferenceId: string): Y.Map<unknown> | undefined {
  const entry = conferencesMap(doc).get(conferenceId);
  return entry instanceof Y.Map ? entry : undefined;
}

/** A nested shared map of a conference (participants, roles), if it is one. */
export function conferenceMapPart<T>(doc: Y.Doc, conferenceId: string, key: 'participants' | 'roles'): Y.Map<T> | undefined {
  const part = conferenceEntry(doc, conferenceId)?.get(ConferenceKey[key]);
  return part instanceof Y.Map ? (part as Y.Map<T>) : undefined;
}

/** The conference's shared lists, each a Y.Array of entries with an id. */
export type ConferenceListKey = 'agenda' | 'attendees' | 'issues';

/** One of the conference's shared lists, if it is one. */
export function conferenceArrayPart<T>(doc: Y.Doc, conferenceId: string, key: ConferenceListKey): Y.Array<T> | undefined {
  const part = conferenceEntry(doc, conferenceId)?.get(ConferenceKey[key]);
  return part instanceof Y.Array ? (part as Y.Array<T>) : undefined;
}
