import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCase, openCase, planConference, useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

/** The outline the focused element shows, as the browser draws it ('none' when none). */
const focusedOutline = (page: Page) => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

it('both editors, the ケース概要 and the 検討内容, show that they have the keyboard', async () => {
  const caseId = await createCase(suite.server, 'E2E フォーカス表示');
  const sato = await openCase(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  await planConference(sato, '2026-11-23');
  for (const label of ['ケース概要', '検討内容']) {
    const editor = sato.getByLabel(label, { exact: true });
    expect(await editor.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('none');
    await editor.focus();
    expect(await sato.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label);
    expect(await focusedOutline(sato)).toBe('solid');
  }
});
