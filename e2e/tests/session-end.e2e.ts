import { caseMember } from '@care/server/test/sessions';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { closeShownConference, connectionReaches, createCase, openCaseAsMember, planConference, signInOn, startShownConference, useServerAndBrowser } from './harness.ts';

// Sessions unused for 12 s end (instead of 30 minutes): typing into a form is no use of the server,
// so a person typing an action item at length meets this.
const suite = useServerAndBrowser({ env: { SESSION_IDLE_MINUTES: '0.2' } });

/** The new item's form of the conference shown (an item's edit form has the same fields). */
const newItem = (page: Page) => page.getByRole('region', { name: 'この会議の対応事項' }).locator(':scope > form');
/** The kept typing of this browser's app, by its localStorage keys. */
const keptTyping = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('care-typing:')));

/** Waits until the session has run out under the page: the sign-in page, saying so. */
async function sessionRunsOut(page: Page): Promise<string | null> {
  await page.getByLabel('ログインID').waitFor({ timeout: 30_000 });
  return page.getByRole('status').filter({ hasText: 'ログインが終了しました' }).textContent();
}

it('what was typed into the action items’ forms when the session ran out is back after signing in again, for that account only; signing out deletes it', async () => {
  const caseId = await createCase(suite.server, 'E2E 入力中のログイン終了');
  const suzuki = await caseMember(suite.server, caseId, { name: '鈴木', agency: '社会福祉協議会' });
  const { page, member: sato } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  // Two items agreed at the first conference are reviewed at the second.
  await planConference(page, '2026-11-23');
  await startShownConference(page);
  for (const what of ['見守り訪問', '家族へ連絡']) {
    await newItem(page).getByLabel('対応内容').fill(what);
    await newItem(page).getByLabel('担当者').fill('佐藤');
    await newItem(page).getByLabel('期限').fill('2026-12-20');
    await newItem(page).getByRole('button', { name: '対応事項を追加' }).click();
    await expect.poll(() => page.getByTestId('agreed-items').textContent()).toContain(what);
  }
  await closeShownConference(page);
  await planConference(page, '2026-12-04');
  await startShownConference(page);

  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });

  // A new item, an item's edit and a 経過 are being typed when the session runs out.
  const review = page.getByTestId('review-items');
  await newItem(page).getByLabel('対応内容').fill('配食サービスの調整');
  await newItem(page).getByLabel('担当者').fill('鈴木');
  await newItem(page).getByLabel('担当機関').selectOption('社会福祉協議会');
  await newItem(page).getByLabel('期限').fill('2026-12-25');
  await page.getByLabel('見守り訪問を編集').click();
  await review.getByLabel('対応内容').fill('見守り訪問を週2回');
  await page.getByLabel('家族へ連絡の経過').fill('長女に電話済み');
  expect(await sessionRunsOut(page)).toContain('書きかけの対応事項（追加・編集・経過）はケースの画面に戻ります');
  expect(await keptTyping(page)).toHaveLength(1);

  // Signed in again, the case is back with each in its place, to be written as before.
  await signInOn(page, sato.login);
  expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
  await connectionReaches(page, '同期済み');
  expect(await newItem(page).getByLabel('対応内容').inputValue()).toBe('配食サービスの調整');
  expect(await newItem(page).getByLabel('担当者').inputValue()).toBe('鈴木');
  expect(await newItem(page).getByLabel('担当機関').inputValue()).toBe('社会福祉協議会');
  expect(await newItem(page).getByLabel('期限').inputValue()).toBe('2026-12-25');
  expect(await review.getByLabel('対応内容').inputValue()).toBe('見守り訪問を週2回');
  expect(await page.getByLabel('家族へ連絡の経過').inputValue()).toBe('長女に電話済み');
  expect(await page.locator('.discarded-text').count()).toBe(0);
  expect(await keptTyping(page)).toEqual([]); // the page holds it now
  await newItem(page).getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => page.getByTestId('agreed-items').textContent()).toContain('配食サービスの調整');

  // It runs out again over the edit and the 経過: another account signing in on this browser sees none of it.
  await sessionRunsOut(page);
  expect(await keptTyping(page)).toHaveLength(1);
  await signInOn(page, suzuki.login);
  await connectionReaches(page, '同期済み');
  expect(await review.getByLabel('対応内容').count()).toBe(0);
  expect(await page.getByLabel('家族へ連絡の経過').inputValue()).toBe('');
  await page.getByRole('button', { name: 'ログアウト' }).click();

  // 佐藤 signs in from the case list and signs out: it is deleted, and opening the case again finds nothing.
  await page.goto(suite.server.url);
  await signInOn(page, sato.login);
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByLabel('ログインID').waitFor();
  expect(await keptTyping(page)).toEqual([]);
  await signInOn(page, sato.login);
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(page, '同期済み');
  expect(await review.getByLabel('対応内容').count()).toBe(0);
  expect(await page.getByLabel('家族へ連絡の経過').inputValue()).toBe('');
  // Nothing asked on the way: the session's end took nothing away.
  expect(asked).toEqual([]);
}, 180_000);
