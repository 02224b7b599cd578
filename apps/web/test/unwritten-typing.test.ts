import { expect, it } from 'vitest';
import { holdUnwrittenTyping, LOSE_TYPING_QUESTION, mayLoseTyping } from '../src/ui/unwritten-typing.ts';

/** Whether closing or reloading the page would ask first. */
function unloadAsks(page: EventTarget): boolean {
  const unload = new Event('beforeunload', { cancelable: true });
  page.dispatchEvent(unload);
  return unload.defaultPrevented;
}

/** A person answering every question the same, noting what was asked. */
function answering(yes: boolean) {
  const asked: string[] = [];
  return { asked, ask: (question: string) => (asked.push(question), yes) };
}

it('asks before the page unloads, or anything else loses typing, while any form holds some, and not after', () => {
  const page = new EventTarget();
  const itemForm = holdUnwrittenTyping(page);
  const progress = holdUnwrittenTyping(page);
  expect(unloadAsks(page)).toBe(true);

  itemForm(); // written
  itemForm(); // let go twice (a form written, then closed) lets go of nothing more
  expect(unloadAsks(page)).toBe(true);
  const person = answering(true);
  progress();
  expect(unloadAsks(page)).toBe(false);
  expect(mayLoseTyping(person.ask)).toBe(true);
  expect(person.asked).toEqual([]); // nothing typed: nothing asked
});

it('staying keeps the typing held; leaving knowingly lets go of all of it, so the way out asks no more', () => {
  const page = new EventTarget();
  const release = holdUnwrittenTyping(page);
  holdUnwrittenTyping(page);

  const staying = answering(false);
  expect(mayLoseTyping(staying.ask)).toBe(false);
  expect(staying.asked).toEqual([LOSE_TYPING_QUESTION]);
  expect(unloadAsks(page)).toBe(true);

  const leaving = answering(true);
  expect(mayLoseTyping(leaving.ask)).toBe(true);
  expect(leaving.asked).toEqual([LOSE_TYPING_QUESTION]);
  expect(unloadAsks(page)).toBe(false);
  expect(mayLoseTyping(leaving.ask)).toBe(true);
  expect(leaving.asked).toHaveLength(1);
  release(); // the form goes with the page afterwards: nothing left to let go
  expect(mayLoseTyping(leaving.ask)).toBe(true);
});
