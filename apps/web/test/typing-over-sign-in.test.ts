// @vitest-environment happy-dom
import { beforeEach, expect, it } from 'vitest';
import type { Kept } from '../src/conference/KeptTyping.tsx';
import { forgetTypingOverSignIn, keepTypingOverSignIn, typingKeptOverSignIn } from '../src/conference/typing-over-sign-in.ts';

const typed = { what: '見守り訪問', ownerName: '鈴木', agencyKind: '', agencyOther: '', due: '' };
const typing: Record<string, Kept> = {
  'add:c1': { kind: 'add', conferenceId: 'c1', where: '対応事項（第1回）', typed },
  'edit:i1': {
    kind: 'edit',
    where: '対応事項の編集：通院同行',
    seen: { what: '通院同行', ownerName: '佐藤', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-12-01' },
    typed: { ...typed, what: '通院同行（月2回）' },
  },
  'progress:i2': { kind: 'progress', where: '経過：配食', draft: { text: '週3回に増やした', from: '' } },
};

beforeEach(() => localStorage.clear());

it('gives back to the same person, in the same case, what their forms held when the session ended; to no one else', () => {
  keepTypingOverSignIn('sato', 'case-1', typing);
  expect(typingKeptOverSignIn('sato', 'case-1')).toEqual(typing);
  expect(typingKeptOverSignIn('suzuki', 'case-1')).toEqual({}); // another account signing in on this browser
  expect(typingKeptOverSignIn('sato', 'case-2')).toEqual({}); // typed in one case, never shown in another

  forgetTypingOverSignIn('sato', 'case-1'); // taken back by the case's page
  keepTypingOverSignIn('sato', 'case-1', {}); // nothing held when it ended again: nothing kept
  expect(Object.keys(localStorage)).toEqual([]);
});

it('keeps what each tab of the case held when the session ended under both', () => {
  const { 'add:c1': added, 'edit:i1': edited, 'progress:i2': progress } = typing;
  keepTypingOverSignIn('sato', 'case-1', { 'add:c1': added!, 'edit:i1': edited! });
  keepTypingOverSignIn('sato', 'case-1', { 'progress:i2': progress! });
  keepTypingOverSignIn('sato', 'case-1', {});
  expect(typingKeptOverSignIn('sato', 'case-1')).toEqual(typing);
});

it('forgets one case (access revoked), or every case of one person (signed out, disabled), and nobody else’s', () => {
  const one = { 'add:c1': typing['add:c1']! };
  for (const [userId, caseId] of [['u1', 'case-1'], ['u1', 'case-2'], ['u10', 'case-1'], ['u1:x', 'case-1']] as const) keepTypingOverSignIn(userId, caseId, one);

  forgetTypingOverSignIn('u1', 'case-1');
  expect(typingKeptOverSignIn('u1', 'case-1')).toEqual({});
  expect(typingKeptOverSignIn('u1', 'case-2')).toEqual(one);

  forgetTypingOverSignIn('u1');
  expect(typingKeptOverSignIn('u1', 'case-2')).toEqual({});
  // Accounts whose ids begin alike keep theirs.
  expect(typingKeptOverSignIn('u10', 'case-1')).toEqual(one);
  expect(typingKeptOverSignIn('u1:x', 'case-1')).toEqual(one);
});

it('reads nothing from what is not kept typing (another build’s, or altered)', () => {
  keepTypingOverSignIn('sato', 'case-1', typing);
  const [key] = Object.keys(localStorage);
  for (const stored of ['not json', '[]', JSON.stringify({ 'add:c1': { kind: 'add', where: 'x' } })]) {
    localStorage.setItem(key!, stored);
    expect(typingKeptOverSignIn('sato', 'case-1')).toEqual({});
  }
});
