import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { caseMember } from '@care/server/test/sessions';
import { createCase, removeDir, signedInPage, startServerProcess, useServerAndBrowser } from './harness.ts';

const BUILT = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/**
 * A copy of the built web app, served by this file's servers, and changed as a later build would be;
 * without the compressed copies the build writes beside each file, which the server would send in
 * place of the changed files.
 */
const webDist = mkdtempSync(join(tmpdir(), 'care-web-'));
cpSync(BUILT, webDist, { recursive: true, filter: (path) => !/\.(?:br|gz)$/.test(path) });
const assets = join(webDist, 'assets');

/**
 * What an update brings, in the copy: a build with a new id (compiled into the code and written
 * beside it), whose case page's code has a new name (the old file is gone), named so in the code
 * that loads it.
 */
function update(to: string) {
  const from = readFileSync(join(webDist, 'build-id.txt'), 'utf8');
  const casePage = readdirSync(assets).find((name) => /^CasePage-.*\.js$/.test(name))!;
  const renamed = `CasePage-${to}.js`;
  renameSync(join(assets, casePage), join(assets, renamed));
  for (const name of readdirSync(assets).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(join(assets, name), 'utf8');
    writeFileSync(join(assets, name), code.replaceAll(JSON.stringify(from), JSON.stringify(to)).replaceAll(casePage, renamed));
  }
  writeFileSync(join(webDist, 'build-id.txt'), to);
}

/** How the page now shown was loaded: 'navigate', or 'reload'. */
const navigation = (page: Page) => page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type);

const suite = useServerAndBrowser({ env: { WEB_DIST: webDist } });
afterAll(() => removeDir(webDist));

/** Updating the app: the server stops, the new build is put in place, the server starts again on the same data. */
async function deploy(build: string) {
  const { dataDir, port } = suite.server;
  await suite.server.stop();
  update(build);
  suite.server = await startServerProcess({ dataDir, port, env: { WEB_DIST: webDist } });
}

it('a page open while the app is updated loads the update: at once for code it no longer finds, and otherwise once asked to', async () => {
  const caseId = await createCase(suite.server, 'E2E 更新');
  const member = await caseMember(suite.server, caseId, { name: '佐藤', agency: '地域包括支援センター' });
  const page = await signedInPage(suite.browser, suite.server, member.login);
  const notice = page.getByRole('alert').filter({ hasText: '更新されました' });
  await page.getByRole('link', { name: 'E2E 更新' }).waitFor();
  expect(await notice.count()).toBe(0);
  expect(await navigation(page)).toBe('navigate');

  // The case page's code of the build the page has is gone: it reloads into the update, and opens.
  await deploy('a-later-build');
  await page.getByRole('link', { name: 'E2E 更新' }).click();
  await page.getByLabel('ケース概要').waitFor({ timeout: 15_000 });
  expect(await notice.count()).toBe(0);
  expect(await navigation(page)).toBe('reload');

  // Updated again: the page's next call to the server finds a build other than its own, and asks.
  await deploy('a-third-build');
  await page.getByRole('link', { name: '記録一覧' }).click();
  await expect.poll(() => notice.textContent()).toContain('この画面を再読み込みしてください');
  await notice.getByRole('button', { name: '再読み込み' }).click();
  await page.getByRole('heading', { name: /記録一覧/ }).waitFor();
  await page.waitForLoadState('load');
  expect(await notice.count()).toBe(0);
});
