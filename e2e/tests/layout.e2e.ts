import type { AgencyList } from '@care/schema';
import { adminOf, newUser } from '@care/server/test/sessions';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { closeShownConference, createCase, joinLiveConference, openCase, planConference, signedInPage, sidewaysOverflow, startShownConference, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

/** Phone, iPad portrait (two sizes), iPad landscape / small laptop. */
const WIDTHS = [390, 768, 820, 1024];
/** The names people really have to type: long enough to push a narrow layout apart. */
const LONG_AGENCY = '社会福祉法人○○会 特別養護老人ホーム△△苑 居宅介護支援事業所';
const OTHER_LONG_AGENCY = '医療法人社団△△会 ○○総合病院 地域医療連携室（医療ソーシャルワーカー）';
const LONG_VERSION = '助言前の版（12月の会議に向けて整理したもの）';

/** What of `controls` (named) lies outside `card`, or past the right edge of the screen. */
async function outside(page: Page, card: Locator, controls: Record<string, Locator>): Promise<string[]> {
  const box = (await card.boundingBox())!;
  const width = page.viewportSize()!.width;
  const out: string[] = [];
  for (const [name, control] of Object.entries(controls)) {
    const c = (await control.boundingBox())!;
    if (c.x < box.x || c.x + c.width > box.x + box.width + 0.5 || c.x + c.width > width) out.push(name);
  }
  return out;
}

/** How many lines `text` (the whole of the element's text unless given) takes in the element. */
const lines = (element: Locator, text?: string) =>
  element.evaluate((el, text) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    if (text !== undefined) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at < 0) continue;
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        break;
      }
    }
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  }, text);

/**
 * How `table` reads at `width` (the viewport's): as a 'table' under its column heads, or as
 * 'cards', each row's cells labelled (the heads kept for screen readers only).
 */
async function shownAs(page: Page, table: Locator, width: number): Promise<'table' | 'cards'> {
  await page.setViewportSize({ width, height: 900 });
  const heads = (await table.locator('thead').boundingBox())!;
  return heads.width > 1 ? 'table' : 'cards';
}

/** At every width: the page has nothing off to the side, `check` finds nothing wrong. */
async function atEveryWidth(page: Page, check: (width: number) => Promise<string[]>) {
  const found: Record<number, string[]> = {};
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const wrong = [...(await sidewaysOverflow(page)), ...(await check(width))];
    if (wrong.length > 0) found[width] = wrong;
  }
  return found;
}

it('with long names, nothing is pushed off the side of the screen or out of its card at phone and tablet widths (390, 768, 820, 1024): the case page before and during a conference, 記録一覧, 管理; at 1024 the review and account tables read as cards, at 1280 as tables', async () => {
  const { server, browser } = suite;
  const caseId = await createCase(server, '北区 80代女性 独居 服薬管理と見守り体制の検討');
  const sato = await openCase(suite, caseId, { name: '佐藤 花子', agency: LONG_AGENCY, role: 'coordinator' });
  await newUser(server, { name: '山本 太郎', agency: OTHER_LONG_AGENCY }); // offered in アクセス管理, not yet a member
  // A first conference agrees on an item, reviewed (前回までの対応事項の確認) at the next.
  await planConference(sato, '2026-11-02', '北地区公民館 2階 大会議室（駐車場は裏手）');
  await sato.getByRole('button', { name: '会議を開始' }).click();
  await sato.getByRole('group', { name: '開催日の確認' }).getByRole('button', { name: /のまま開始$/ }).click();
  await sato.getByLabel('対応内容').fill('服薬カレンダーを導入し、訪問時に残薬を確認する');
  await sato.getByLabel('担当者').fill('佐藤 花子');
  await sato.getByLabel('期限').fill('2026-11-20');
  await sato.getByRole('button', { name: '対応事項を追加' }).click();
  await closeShownConference(sato);
  await sato.getByLabel('版の名前').fill(LONG_VERSION);
  await sato.getByRole('button', { name: '版を保存' }).click();
  await sato.getByRole('status').filter({ hasText: `「${LONG_VERSION}」を保存しました` }).waitFor();
  await planConference(sato, '2026-11-23');

  const review = sato.getByRole('region', { name: '前回までの対応事項の確認' });
  const item = '服薬カレンダーを導入し、訪問時に残薬を確認する';
  const access = sato.getByRole('region', { name: 'アクセス管理' });
  await review.getByLabel(`${item}の経過`).waitFor();
  const casePage = async () => [
    ...(await outside(sato, review, { 経過: review.getByLabel(`${item}の経過`), 編集: review.getByRole('button', { name: `${item}を編集` }) })),
    ...(await outside(sato, access, { 権限: access.getByLabel('権限', { exact: true }).first(), 権限を付与: access.getByRole('button', { name: '権限を付与' }) })),
    ...((await lines(sato.getByRole('link', { name: '← ケース一覧' }))) > 1 ? ['← ケース一覧 split'] : []),
  ];
  expect(await atEveryWidth(sato, casePage)).toEqual({});
  // iPad landscape: the review's rows read as cards, 内容 on a line of its own (as a table it had about 5 characters a line); a desktop keeps the table.
  const reviewTable = review.getByRole('table');
  expect(await shownAs(sato, reviewTable, 1024)).toBe('cards');
  expect(await lines(reviewTable.getByText(item), item)).toBe(1);
  expect(await shownAs(sato, reviewTable, 1280)).toBe('table');

  // On a phone, starting asks which day it is held on: the dates are not split over two lines.
  await sato.setViewportSize({ width: 390, height: 900 });
  await sato.getByRole('button', { name: '会議を開始' }).click();
  const askedDay = sato.getByRole('group', { name: '開催日の確認' });
  const asked = await askedDay.textContent();
  for (const date of asked!.match(/\d{4}-\d{2}-\d{2}/g)!) expect(await lines(askedDay, date), date).toBe(1);
  await askedDay.getByRole('button', { name: /のまま開始$/ }).click();
  await expect.poll(() => sato.getByTestId('conference-status').textContent()).toBe('開催中');
  expect(await atEveryWidth(sato, casePage)).toEqual({});

  // 記録一覧: the two versions to compare, named at length.
  await sato.getByRole('link', { name: '記録一覧' }).click();
  const compare = sato.locator('.card').filter({ has: sato.getByRole('heading', { name: '二つの記録を比べる' }) });
  await compare.getByLabel('比較元').waitFor();
  expect(
    await atEveryWidth(sato, () => outside(sato, compare, { 比較元: compare.getByLabel('比較元'), 比較先: compare.getByLabel('比較先'), 比較: compare.getByRole('button', { name: '比較' }) })),
  ).toEqual({});

  // 管理: accounts of agencies with long names, the administrator's own among them (beside the heading).
  const session = await adminOf(server);
  const { agencies } = (await (await session.request('GET', '/api/agencies')).json()) as AgencyList;
  const own = agencies.find((agency) => agency.name === '高齢福祉課')!;
  expect((await session.request('PATCH', `/api/agencies/${own.id}`, { name: `○○市 健康福祉部 高齢福祉課 地域包括ケア推進担当（${LONG_AGENCY}との連絡調整）` })).status).toBe(200);
  const admin = await signedInPage(browser, server, server.admin.login, server.admin.password);
  await admin.goto(`${server.url}/admin`);
  const accounts = admin.getByRole('table', { name: 'アカウント' });
  await accounts.getByText('山本 太郎').waitFor();
  const adminPage = async () => [
    ...((await lines(admin.getByRole('heading', { level: 1 }))) > 1 ? ['管理 split'] : []),
    ...((await lines(accounts.getByRole('link', { name: '山本 太郎 さんの記録' }))) > 1 ? ['記録 split'] : []),
    ...((await lines(accounts.getByRole('cell', { name: OTHER_LONG_AGENCY }))) > 3 ? ['所属 squeezed'] : []),
  ];
  expect(await atEveryWidth(admin, adminPage)).toEqual({});
  // iPad landscape: accounts read as cards, their 所属 on a line; a desktop keeps the table.
  expect(await shownAs(admin, accounts, 1024)).toBe('cards');
  expect(await lines(accounts.getByText(OTHER_LONG_AGENCY), OTHER_LONG_AGENCY)).toBe(1);
  expect(await shownAs(admin, accounts, 1280)).toBe('table');
});

it('on a phone, every field of the conference screen is written at 16px or more: iOS Safari zooms the page into a smaller one when it is tapped, and leaves it zoomed, off to the side', async () => {
  const { server } = suite;
  const caseId = await createCase(server, '北区 80代女性 独居');
  const sato = await openCase(suite, caseId, { name: '佐藤 花子', agency: '地域包括支援センター', role: 'coordinator' });
  const suzuki = await openCase(suite, caseId, { name: '鈴木 一郎', agency: '民生委員' });
  await planConference(sato, '2026-11-23');
  await startShownConference(sato);
  await joinLiveConference(suzuki);
  await sato.getByRole('button', { name: /^標準の議題/ }).click();
  await sato.getByLabel('鈴木 一郎の役割').waitFor();
  const smallFields = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input:not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable=true]')]
        .filter((field) => parseFloat(getComputedStyle(field).fontSize) < 16)
        .map((field) => field.getAttribute('aria-label') ?? field.closest('label')?.textContent ?? field.outerHTML.slice(0, 60)),
    );
  for (const page of [sato, suzuki]) await page.setViewportSize({ width: 375, height: 667 });
  expect(await smallFields(sato)).toEqual([]);
  expect(await smallFields(suzuki)).toEqual([]);
});
