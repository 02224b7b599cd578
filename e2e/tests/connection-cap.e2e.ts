import { expect, it } from 'vitest';
import { connectionReaches, createCase, openCaseAsMember, useServerAndBrowser } from './harness.ts';

/** A server that lets one account have two case pages open at once (CONNECTIONS_PER_PERSON; 32 by default). */
const suite = useServerAndBrowser({ env: { CONNECTIONS_PER_PERSON: '2' } });

it('a case page past the connections one account may have open says so in Japanese and does not reconnect again and again', async () => {
  const caseId = await createCase(suite.server, 'E2E 開きすぎ');
  const { page } = await openCaseAsMember(suite, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const second = await page.context().newPage();
  await second.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(second, '同期済み');

  const third = await page.context().newPage();
  let upgrades = 0;
  third.on('websocket', () => upgrades++);
  await third.goto(`${suite.server.url}/cases/${caseId}`);
  await expect.poll(() => third.getByRole('alert').first().textContent()).toContain('開いている画面（タブ）が多すぎるため、このケースに接続できませんでした');
  const tried = upgrades;
  await third.waitForTimeout(1_500); // y-websocket would have tried again several times by now (200 ms, 400 ms, 800 ms)
  expect(upgrades).toBe(tried);

  // A tab closed frees its place: reloaded, the page connects.
  await second.close();
  await third.reload();
  await connectionReaches(third, '同期済み');
});
