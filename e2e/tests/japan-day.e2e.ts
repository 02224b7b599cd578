import { readFile } from 'node:fs/promises';
import { dayInJapan, japanMidnight } from '@care/schema';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { byOwnClock, closeShownConference, createCase, openCaseAsMember, planConference, useServerAndBrowser } from './harness.ts';

// Half an hour after the coming midnight in Japan: the day there has changed while in UTC, where
// this server is set, and in Los Angeles, where the browser is, it is still the day before.
const at = Date.parse(japanMidnight(dayInJapan(), 1)) + 30 * 60_000;
const aheadMs = at - Date.now();
const today = dayInJapan(at);
const yesterday = dayInJapan(at - 86_400_000);
const suite = useServerAndBrowser({
  env: {
    TZ: 'UTC',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${new URL('clock-ahead.mjs', import.meta.url).href}`,
    CARE_TEST_CLOCK_AHEAD_MS: String(aheadMs),
  },
});

/** A device in Los Angeles whose clock is right (as the server's is). */
async function inLosAngeles(page: Page) {
  await page.clock.install({ time: Date.now() + aheadMs });
  await (await page.context().newCDPSession(page)).send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
}

const slashed = (day: string) => day.replaceAll('-', '/');

it('just after midnight in Japan, with the server on UTC and the browser in Los Angeles (both still on the day before), every day is Japan’s', async () => {
  const caseId = await createCase(suite.server, 'E2E 日付の境目');
  const { page: sato } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, inLosAngeles);
  expect(await sato.evaluate(() => new Date().toLocaleDateString('sv-SE'))).toBe(yesterday); // the device's own day

  // A new conference is planned for today; one planned for yesterday is started as today's, and the server agrees it is today.
  await expect.poll(() => sato.getByLabel('開催日').inputValue()).toBe(today);
  await planConference(sato, yesterday);
  await sato.getByRole('button', { name: '会議を開始' }).click();
  const askedDay = sato.getByRole('group', { name: '開催日の確認' });
  expect(await askedDay.textContent()).toContain(`予定日は ${yesterday}、今日は ${today} です。`);
  await askedDay.getByRole('button', { name: '今日の会議として開始' }).click();
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('開催中');
  expect(await sato.getByRole('alert').count()).toBe(0);

  // 守秘義務 confirmed now, at a conference of today: a time, no date.
  await sato.getByText('アカウントのない出席者を追加（本人・家族など）').click();
  await sato.getByLabel('出席者の氏名').fill('木下');
  await sato.getByLabel('所属または続柄').fill('○○訪問看護ステーション');
  await sato.getByLabel('守秘義務を確認した（本人・家族以外の方）').check();
  await sato.getByRole('button', { name: '出席者を追加' }).click();
  // Items due yesterday and today, typed in the browser: only yesterday's is 期限超過 (the Japan day, not the device's).
  for (const [what, due] of [['主治医へ相談', yesterday], ['家族へ連絡', today]] as const) {
    await sato.getByLabel('対応内容').fill(what);
    await sato.getByLabel('担当者').fill('佐藤');
    await sato.getByLabel('担当機関').selectOption('地域包括支援センター');
    await sato.getByLabel('期限').fill(due);
    await sato.getByRole('button', { name: '対応事項を追加' }).click();
    await expect.poll(() => sato.getByTestId('agreed-items').textContent()).toContain(what);
  }
  const agreed = sato.getByTestId('agreed-items').getByRole('row');
  expect(await agreed.filter({ hasText: '主治医へ相談' }).textContent()).toContain(`${yesterday}期限超過`);
  expect(await agreed.filter({ hasText: '家族へ連絡' }).textContent()).not.toContain('期限超過');
  await closeShownConference(sato);
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('終了');

  // A version saved now is named with the time in Japan, and goes by the day it was saved there.
  await sato.getByLabel('版の名前').fill('深夜の版');
  await sato.getByRole('button', { name: '版を保存' }).click();
  await sato.getByRole('status').filter({ hasText: '「深夜の版」を保存しました' }).waitFor();
  // The list is read again after the message (VersionControls.send), so it may come a moment later.
  await expect.poll(() => sato.getByLabel('戻す版').locator('option').allTextContents()).toContainEqual(expect.stringMatching(new RegExp(`^深夜の版（${slashed(today)} 0:\\d\\d）$`)));

  // Its record: dated today, taken today (00:xx in Japan), 守秘義務 at a time of its day.
  await sato.getByRole('link', { name: '記録一覧' }).click();
  const row = sato.getByRole('row').filter({ hasText: `${today} 個別ケース検討` });
  await expect.poll(() => row.textContent()).toMatch(new RegExp(`${slashed(today)} 0:\\d\\d`));
  await row.getByRole('link', { name: `${today} 個別ケース検討` }).click();
  await expect.poll(() => sato.getByTestId('record-meta').textContent()).toMatch(new RegExp(`${slashed(today)} 0:\\d\\d`));
  expect(await sato.getByRole('list', { name: '出席者' }).textContent()).toMatch(/守秘義務 確認済み（00:\d\d）/);
  const [minutes] = await Promise.all([sato.waitForEvent('popup'), sato.getByRole('link', { name: '議事録を表示・印刷（PDF）' }).click()]);
  await minutes.waitForLoadState();
  const printed = await minutes.locator('body').innerText();
  const [year, month, day] = today.split('-').map(Number);
  const weekday = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, day!));
  expect(printed).toContain(`${year}年${month}月${day}日（${weekday}）`);
  expect(printed).toMatch(/確認済み（00:\d\d・司会が確認）/);
  expect(printed).toMatch(/主治医へ相談.*未着手（期限超過）/);
  expect(printed).not.toMatch(/家族へ連絡.*期限超過/);
  await minutes.close();

  // 対応事項の一覧: as of today, yesterday's item overdue, in the list and in its file (of today).
  await sato.goto(new URL('/action-items', sato.url()).href);
  await expect.poll(() => sato.getByRole('status').textContent()).toMatch(new RegExp(`^2件（うち期限超過 1件）（${slashed(today)} 0:\\d\\d時点）$`));
  const owed = sato.getByRole('table', { name: '対応事項' }).getByRole('row');
  expect(await owed.filter({ hasText: '主治医へ相談' }).textContent()).toContain('期限超過');
  expect(await owed.filter({ hasText: '家族へ連絡' }).textContent()).not.toContain('期限超過');
  const [file] = await Promise.all([sato.waitForEvent('download'), sato.getByRole('button', { name: 'すべてをCSVで出力' }).click()]);
  expect(file.suggestedFilename()).toBe(`対応事項_${today.replaceAll('-', '')}.csv`);
  const csv = (await readFile(await file.path())).toString('utf8');
  expect(csv).toContain(`"${yesterday}","主治医へ相談","佐藤","地域包括支援センター","","未着手","期限超過",`);
  expect(csv).toContain(`"${today}","家族へ連絡","佐藤","地域包括支援センター","","未着手","",`);

  // The timeline: under today, recorded that same day (no other day's note); a filter for today finds it, one for yesterday not.
  await sato.goto(new URL('/records', sato.url()).href);
  const entries = sato.getByRole('table', { name: 'タイムライン' }).locator('tbody tr');
  const between = async (first: string, last: string) => {
    await sato.getByLabel('開始日').fill(first);
    await sato.getByLabel('終了日').fill(last);
    await sato.getByRole('button', { name: '絞り込む' }).click();
  };
  await between(today, today);
  await expect.poll(async () => (await entries.allTextContents()).toSorted()).toEqual([
    expect.stringMatching(new RegExp(`^${slashed(today)}${today} 個別ケース検討（会議終了時の記録）`)),
    expect.stringMatching(new RegExp(`^${slashed(today)}深夜の版（保存した版）`)),
  ]);
  await between(yesterday, yesterday);
  await sato.getByText('該当する記録はありません。').waitFor();
});

it('a case page left open over midnight in Japan plans a new conference for the new day, and asks which day one planned for the day before is held on', async () => {
  const caseId = await createCase(suite.server, 'E2E 日付をまたぐ画面');
  // Its clock a minute before midnight (in Japan) and going by it, as if the server's said so too.
  const beforeMidnight = async (page: Page) => {
    await page.clock.install({ time: Date.parse(japanMidnight(today)) - 60_000 });
    await byOwnClock(page);
    await (await page.context().newCDPSession(page)).send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
  };
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' }, beforeMidnight);
  await expect.poll(() => page.getByLabel('開催日').inputValue()).toBe(yesterday);
  await planConference(page, yesterday);
  await page.clock.runFor(2 * 60_000);
  // Not a day past: 開催日 moves on to the new day, and starting asks, as for any day but today.
  await expect.poll(() => page.getByLabel('開催日').inputValue()).toBe(today);
  await page.getByRole('button', { name: '会議を開始' }).click();
  const askedDay = page.getByRole('group', { name: '開催日の確認' });
  await expect.poll(() => askedDay.textContent()).toContain(`予定日は ${yesterday}、今日は ${today} です。`);
  expect(await page.getByTestId('conference-status').textContent()).toBe('予定');
});
