import { ACTION_ITEM_STATUSES, type ActionItemStatus, VERSIONED_FIELDS, type VersionedField } from '@care/schema';
import type * as Y from 'yjs';

/**
 * How an action item's VERSIONED_FIELDS are kept in its Y.Map: each version under a key of its
 * own, `<field>:<version id>` → value (担当者 as `owner:<id>` → { name, agency }). Writing a field
 * deletes the versions of it the writer's doc holds (the ones on their screen) and adds one. Two
 * people who write it without seeing each other's (one of them offline) each delete only what
 * they saw, so both values stay, where one plain value would keep the last writer's and drop the
 * other's without a word. The next write, made seeing both, replaces both.
 *
 * Items written before this layout hold plain values (`what`, `ownerName` + `ownerAgency`, `due`,
 * `status`, `progress`): each is read as a version, and deleted with the others by the next write.
 */
const LEGACY_OWNER_KEYS = ['ownerName', 'ownerAgency'];

/**
 * The half of a legacy 担当者 that an item does not hold. A page loaded before this layout writes
 * only the key it changed (say `ownerName`); if a newer page replaces 担当者 meanwhile, deleting
 * both keys, the map keeps that concurrent write but not the other half. The lone half is kept as
 * a version of its own, the other half said to be unknown (rather than borrowed from another
 * version, which its writer never saw), so the item is neither lost nor shown as what nobody wrote.
 */
const UNKNOWN_OWNER = { name: '氏名不明', agency: { kind: 'その他', other: '所属不明' } } as const;

/** The legacy 担当者 pair as one version, and the key it sorts by: a lone half after every whole version, which readers use first. */
function legacyOwner(fields: Record<string, unknown>): [string, unknown] | undefined {
  const [hasName, hasAgency] = LEGACY_OWNER_KEYS.map((key) => key in fields);
  if (!hasName && !hasAgency) return undefined;
  const version = { name: hasName ? fields.ownerName : UNKNOWN_OWNER.name, agency: hasAgency ? fields.ownerAgency : UNKNOWN_OWNER.agency };
  return [hasName && hasAgency ? 'owner' : '\uffff', version]; // no version key is either
}

/** The field whose version (or legacy value) `key` holds, if any. */
export function fieldOf(key: string): VersionedField | undefined {
  if (LEGACY_OWNER_KEYS.includes(key)) return 'owner';
  return VERSIONED_FIELDS.find((field) => key === field || key.startsWith(`${field}:`));
}

/**
 * Which version readers use where only one can be (sorting, 期限超過, whether the item is still
 * open, labels), the same on every peer: the earliest 期限, so the item is not overlooked; an open
 * 状況 before a finished one, so it stays on the review and the lists of open items until settled.
 * Others go by version key.
 */
const FIRST: Partial<Record<VersionedField, (a: unknown, b: unknown) => number>> = {
  due: (a, b) => String(a).localeCompare(String(b)),
  status: (a, b) => ACTION_ITEM_STATUSES.indexOf(a as ActionItemStatus) - ACTION_ITEM_STATUSES.indexOf(b as ActionItemStatus),
};

export const alike = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys holding a field's versions, and its versions (alike ones once), first first. Values are validated by the caller. */
function held(fields: Record<string, unknown>, field: VersionedField): { keys: string[]; versions: unknown[] } {
  const keys = Object.keys(fields).filter((key) => fieldOf(key) === field);
  const byKey: [string, unknown][] = keys.filter((key) => !LEGACY_OWNER_KEYS.includes(key)).map((key) => [key, fields[key]]);
  const legacy = field === 'owner' ? legacyOwner(fields) : undefined;
  if (legacy) byKey.push(legacy);
  byKey.sort(([a], [b]) => (a < b ? -1 : 1)); // keys differ; a legacy key sorts first, a lone half last
  const versions: unknown[] = [];
  for (const [, value] of byKey) if (!versions.some((version) => alike(version, value))) versions.push(value);
  const first = FIRST[field];
  return { keys, versions: first ? versions.sort(first) : versions };
}

/**
 * An item's fields as read from its map, each versioned field as its first version (担当者 as
 * ownerName and ownerAgency), with every version of those that hold several under `conflicts`.
 */
export function withVersionsGathered(fields: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([key]) => !fieldOf(key)));
  const conflicts: Record<string, unknown[]> = {};
  for (const field of VERSIONED_FIELDS) {
    const { versions } = held(fields, field);
    if (versions.length === 0) continue;
    const [first] = versions as [{ name?: unknown; agency?: unknown }];
    Object.assign(item, field === 'owner' ? { ownerName: first?.name, ownerAgency: first?.agency } : { [field]: first });
    if (versions.length > 1) conflicts[field] = versions;
  }
  return Object.keys(conflicts).length > 0 ? { ...item, conflicts } : item;
}

/** The versions of a field an item's map holds now (what its writer sees). */
export function versionsHeld(item: Y.Map<unknown>, field: VersionedField): unknown[] {
  return held(item.toJSON(), field).versions;
}

/**
 * Replaces every version of `field` the item holds with `value`, or with none when undefined.
 * Writes nothing when the item already holds exactly that one value. Call inside a transaction.
 */
export function replaceVersions(item: Y.Map<unknown>, field: VersionedField, value: unknown, newId: () => string): void {
  const { keys, versions } = held(item.toJSON(), field);
  if (versions.length === 1 && alike(versions[0], value)) return;
  for (const key of keys) item.delete(key);
  if (value !== undefined) item.set(`${field}:${newId()}`, value);
}
