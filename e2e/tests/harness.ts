import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess as spawnServer } from '@care/server/test/server-process';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type ServerProcess = { url: string; port: number; dataDir: string; child: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** The real server entry point, serving the built web app, with its own (or the given) data folder. */
export async function startServerProcess(options: { dataDir?: string; port?: number } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'care-e2e-'));
  const server = await spawnServer({ PORT: String(options.port ?? 0), DATA_DIR: dataDir });
  return { url: server.httpUrl, port: server.port, dataDir, child: server.child, stop: server.stop };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** Debian's chromium, headless, with the flags this closed network needs (no background calls home). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function createCase(server: ServerProcess, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return ((await response.json()) as { id: string }).id;
}

/** A fresh browser profile (its own localStorage) that has already said who it is. */
export async function pageAs(browser: Browser, person: { name: string; agency: string; color: string }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const identity = JSON.stringify({ ...person, userId: randomUUID() });
  await context.addInitScript((value) => localStorage.setItem('care.identity', value), identity);
  return context.newPage();
}

/**
 * Types Japanese the way an IME does: a composition that is updated as the user types kana,
 * then committed as kanji. This exercises the editor's compositionstart/update/end path.
 */
export async function typeWithIme(page: Page, steps: string[], committed: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send('Input.insertText', { text: committed });
  await cdp.detach();
}

/** The summary as the reader sees it: one line per paragraph, other people's caret labels left out. */
export function editorText(page: Page): Promise<string> {
  return page.getByLabel('ケース概要').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return [...copy.querySelectorAll('p')].map((p) => p.textContent).join('\n');
  });
}

/** A test file's own server process and browser: started before its tests, stopped (data removed) after. */
export function useServerAndBrowser(): { server: ServerProcess; browser: Browser } {
  const env = {} as { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    env.server = await startServerProcess();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    if (env.server) removeDir(env.server.dataDir);
  });
  return env;
}

/** A participant's page on a case, once its connection is synced. */
export async function openCase(
  suite: { server: ServerProcess; browser: Browser },
  caseId: string,
  person: { name: string; agency: string; color: string },
): Promise<Page> {
  const page = await pageAs(suite.browser, person);
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  await expect.poll(() => page.getByTestId('connection-state').textContent()).toBe('同期済み');
  return page;
}
