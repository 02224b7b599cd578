import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFirstAdmin, type ServerProcess as SpawnedServer, spawnServerProcess, type SpawnedServerProcess } from '@care/server/test/server-process';
import { SERVER_TIME_HEADER } from '@care/schema';
import { adminOf, caseMember, TEST_PASSWORD } from '@care/server/test/sessions';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Debian's chromium-headless-shell: Chromium's own build for automation (what Playwright runs
 * headless by default), without the full browser's UI processes. The full browser (/usr/bin/chromium,
 * via CHROMIUM_PATH) runs the same tests, taking about twice the time and CPU.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

export type ServerProcess = {
  url: string;
  httpUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** The administrator created by the first-run command `admin:create`. */
  admin: { login: string; password: string };
  stop: SpawnedServer['stop'];
};

const ADMIN = { login: 'e2e-admin', password: 'e2e admin password 01' };

/**
 * Server processes spawned in this worker and not stopped yet, and the data folders made for them:
 * kept from the moment each is spawned or made, so the end of a test file (stopServers) ends one
 * that the hook or test starting it never got back, as when it failed or timed out meanwhile.
 */
const unstopped = new Set<SpawnedServerProcess>();
const dataDirs = new Set<string>();

/** Stops every server process not stopped yet, and removes the data folders made for them. */
async function stopServers(): Promise<void> {
  const servers = [...unstopped];
  unstopped.clear();
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dataDirs) removeDir(dir);
  dataDirs.clear();
}

/**
 * The real server entry point, serving the built web app, with its own (or the given) data
 * folder. A new data folder gets its first administrator first. `env` adds to its settings.
 * Nothing is spawned once `abandoned` (its test file has ended while this was under way).
 */
export async function startServerProcess(
  options: { dataDir?: string; port?: number; env?: Record<string, string>; abandoned?: AbortSignal } = {},
): Promise<ServerProcess> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'care-e2e-'));
    dataDirs.add(dataDir);
    await createFirstAdmin(dataDir, ADMIN);
  }
  if (options.abandoned?.aborted) throw new Error('the test file ended before its server was started');
  // The closing grace (see ClosingGrace) a little longer than by default: on a loaded machine a
  // browser may take a second or more to show the close its last words crossed.
  const spawned = spawnServerProcess({ PORT: String(options.port ?? 0), DATA_DIR: dataDir, CLOSING_GRACE_MS: '3000', ...options.env });
  unstopped.add(spawned);
  const server = await spawned.listening;
  const stop: SpawnedServer['stop'] = (signal) => {
    unstopped.delete(spawned);
    return server.stop(signal);
  };
  return { url: server.httpUrl, httpUrl: server.httpUrl, port: server.port, dataDir, child: server.child, admin: ADMIN, stop };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** Debian's headless chromium, with the flags this closed network needs (no background calls home). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium-headless-shell (apt-get install chromium-headless-shell) or set CHROMIUM_PATH`);
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

/** A fresh browser profile that signs in on the login page as the given account. */
export async function signedInPage(browser: Browser, server: ServerProcess, login: string, password = TEST_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await page.goto(`${server.url}/login`);
  await signInOn(page, login, password);
  return page;
}

/**
 * A fresh browser profile holding a session signed in over HTTP (`cookie` as a Cookie header
 * gives it): as signed in, without the sign-in page's round trip (which signedInPage tests).
 */
export async function pageWithSession(browser: Browser, server: ServerProcess, cookie: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const cookies = cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name: name!, value: value.join('='), url: server.url };
  });
  await context.addCookies(cookies);
  return context.newPage();
}

/** Signs in on the sign-in page shown, as the given account, and waits for the page it leads to. */
export async function signInOn(page: Page, login: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('account').waitFor();
}

/** A new case, created by the server's administrator; its id. */
export async function createCase(server: ServerProcess, title: string): Promise<string> {
  const response = await (await adminOf(server)).request('POST', '/api/cases', { title });
  if (response.status !== 201) throw new Error(`create case failed: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** Closes the live conference shown (as one who runs it), answering the question closing asks first with `answer`; that question. */
export async function closeShownConference(page: Page, answer: 'accept' | 'dismiss' = 'accept'): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog[answer]();
    }),
  );
  await page.getByRole('button', { name: '会議を終了' }).click();
  return asked;
}

/**
 * Types Japanese the way an IME does: a composition that is updated as the user types kana,
 * then committed as kanji. This exercises the editor's compositionstart/update/end path.
 */
export async function typeWithIme(page: Page, steps: string[], committed: string): Promise<void> {
  const ime = await imeComposition(page);
  for (const text of steps) await ime.update(text);
  await ime.commit(committed);
}

/**
 * Clicks into an editor to type there. Chrome tells the editor where the click put the caret in a
 * selectionchange event a moment later; a key pressed before it (as a test's next line does) would
 * act at the editor's previous caret. A person never types that fast.
 */
export async function clickIn(editor: Locator): Promise<void> {
  await editor.click();
  await settled(editor.page());
}

/** Resolves once what the page does after the last input has run: the next frame, and the tasks queued by then (events, React's effects). */
export function settled(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done))));
}

/**
 * Does `leave` (a move off the page: a link, Back, closing it) and answers the question it asks
 * first with `answer`; the question's type: 'confirm' going elsewhere in the app, 'beforeunload'
 * closing or reloading the page.
 */
export async function answerLeaving(page: Page, answer: 'accept' | 'dismiss', leave: () => Promise<unknown>): Promise<string> {
  const asked = page.waitForEvent('dialog');
  const left = leave();
  const question = await asked;
  await question[answer]();
  await left;
  return question.type();
}

/**
 * A composition left open between steps (to let something else happen meanwhile): update it, then
 * commit it, by itself or with the Enter that confirms it, in the order a browser sends its events:
 * Chrome's keydown (keyCode 229, isComposing) before the conversion ends, or Safari's after it
 * (keyCode 229, but isComposing false).
 */
export async function imeComposition(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const enter = (type: 'rawKeyDown' | 'keyUp', keyCode: number) =>
    cdp.send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });
  return {
    update: async (text: string) => {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    },
    commit: async (text: string, byEnter?: 'Chrome' | 'Safari') => {
      if (byEnter === 'Chrome') await enter('rawKeyDown', 229);
      await cdp.send('Input.insertText', { text });
      if (byEnter === 'Safari') await enter('rawKeyDown', 229);
      if (byEnter) await enter('keyUp', 13);
      await cdp.detach();
    },
  };
}

/** The summary (or the editor named `label`) as the reader sees it: one line per paragraph, other people's caret labels left out. */
export async function editorText(page: Page, label = 'ケース概要'): Promise<string> {
  return (await editorBlocks(page, 'p', label)).join('\n');
}

/** The text of each of the summary's blocks that match `selector` ('h2', 'ul > li', …), caret labels left out. */
export function editorBlocks(page: Page, selector: string, label = 'ケース概要'): Promise<string[]> {
  return page.getByLabel(label, { exact: true }).evaluate((editor, selector) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return [...copy.querySelectorAll(selector)].map((block) => block.textContent ?? '');
  }, selector);
}

/**
 * What sticks out sideways on the page: each card (by its heading) whose content is wider than
 * the card, and 'page' when the page itself scrolls sideways. Empty on a layout that fits the screen.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.card')].filter((card) => card.scrollWidth > card.clientWidth);
    const found = cards.map((card) => card.querySelector('h2')?.textContent ?? card.className);
    return document.documentElement.scrollWidth > window.innerWidth ? [...found, 'page'] : found;
  });
}

type Suite = { server: ServerProcess; browser: Browser };

/**
 * A test file's own server process (with `options`) and browser: started before its tests,
 * stopped (data removed) after. A test may put another server in its place (a restart). Every
 * server process the file spawned is stopped after it, also one whose start failed or timed out
 * (its hook's promise goes on after the timeout: what it starts later is ended at once).
 */
export function useServerAndBrowser(options?: Omit<Parameters<typeof startServerProcess>[0], 'abandoned'>): Suite {
  const env = {} as Suite;
  const ended = new AbortController();
  beforeAll(async () => {
    env.server = await startServerProcess({ ...options, abandoned: ended.signal });
    const browser = await launchBrowser();
    if (ended.signal.aborted) await browser.close();
    else env.browser = browser;
  });
  // Every page a test opened is closed after it: left open, each went on running the app (its
  // socket, presence renewals, timed re-reads) and taking its share of the server and the CPU,
  // so that a file's later tests ran beside a hundred earlier pages.
  afterEach(async () => {
    await Promise.all(env.browser?.contexts().map((context) => context.close()) ?? []);
  });
  afterAll(async () => {
    ended.abort();
    await env.browser?.close();
    await stopServers();
  });
  return env;
}

/** Takes the server's time off its answers to `page`, which then goes by its own clock (see server-clock.ts), as one set with page.clock. */
export async function byOwnClock(page: Page): Promise<void> {
  await page.route('**/api/**', async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    delete headers[SERVER_TIME_HEADER.toLowerCase()];
    await route.fulfill({ response, headers });
  });
}

/** Someone to make a member of the case: with edit access unless `access` says 'read'; staff unless `role` says otherwise. */
type NewMember = { name: string; agency: string; access?: 'edit' | 'read'; role?: 'staff' | 'coordinator' };

/** A new member of the case, signed in, on the case's page once its connection is synced. */
export async function openCase(suite: Suite, caseId: string, person: NewMember): Promise<Page> {
  return (await openCaseAsMember(suite, caseId, person)).page;
}

/**
 * openCase, also giving the member's account (to change its access later). `beforeOpening` runs
 * on the signed-in page before the case opens (e.g. to route its sockets).
 */
export async function openCaseAsMember(
  suite: Suite,
  caseId: string,
  person: NewMember,
  beforeOpening?: (page: Page) => Promise<void>,
) {
  const member = await caseMember(suite.server, caseId, person);
  const page = await pageWithSession(suite.browser, suite.server, member.cookie);
  await beforeOpening?.(page);
  await page.goto(`${suite.server.url}/cases/${caseId}`);
  await connectionReaches(page, '同期済み');
  return { page, member };
}

/**
 * Plans a conference from the case page (開催日, and 場所 if given), waits until the page shows it
 * as 予定, and gives its id.
 */
export async function planConference(page: Page, date: string, place?: string): Promise<string> {
  await page.getByLabel('開催日').fill(date);
  if (place !== undefined) await page.getByLabel('場所').fill(place);
  await page.getByRole('button', { name: '会議を予定する' }).click();
  await expect.poll(() => page.getByTestId('conference-status').textContent()).toBe('予定');
  return page.getByLabel('表示する会議').inputValue();
}

/** Agrees an action item at the live conference shown, through its form, and waits for it among the agreed items. */
export async function agreeActionItem(page: Page, item: { what: string; owner: string; agency: string; due: string }): Promise<void> {
  await page.getByLabel('対応内容').fill(item.what);
  await page.getByLabel('担当者').fill(item.owner);
  await page.getByLabel('担当機関').selectOption(item.agency);
  await page.getByLabel('期限').fill(item.due);
  await page.getByRole('button', { name: '対応事項を追加' }).click();
  await expect.poll(() => page.getByTestId('agreed-items').textContent()).toContain(item.what);
}

/**
 * Starts the conference shown. One planned for another day than today asks which day it is held
 * on: tests keep their fixed dates (the planned day) unless told otherwise, whatever day they run;
 * so those are days past (a future day is not offered: one planned for it starts as today's).
 */
export async function startShownConference(page: Page, heldOn: 'planned day' | 'today' = 'planned day'): Promise<void> {
  await page.getByRole('button', { name: '会議を開始' }).click();
  const askedDay = page.getByRole('group', { name: '開催日の確認' });
  if ((await askedDay.count()) > 0) {
    await askedDay.getByRole('button', { name: heldOn === 'today' ? '今日の会議として開始' : /のまま開始$/ }).click();
  }
  await expect.poll(() => page.getByTestId('conference-status').textContent()).toBe('開催中');
}

/** Joins the live conference shown, confirming 守秘義務 as joining asks (and giving a profession if any). */
export async function joinLiveConference(page: Page, profession?: string): Promise<void> {
  await page.getByLabel(/守秘義務を確認しました/).check();
  if (profession !== undefined) await page.getByLabel('職種（任意）').fill(profession);
  await page.getByRole('button', { name: 'この会議に参加' }).click();
}

/** Cuts the page's browser off the network (as a pulled cable or a closed laptop) and waits until the page says so. */
export async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await connectionReaches(page, 'オフライン');
}

/**
 * Waits until the case page's connection badge says `label` (接続中, オフライン, 保存中, 同期済み, …):
 * reconnecting, syncing and the server's acknowledgement can take a few seconds on a loaded machine.
 */
export async function connectionReaches(page: Page, label: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => page.getByTestId('connection-state').textContent(), { timeout }).toBe(label);
}

/**
 * Routes the page's case sockets through the test, which can hold back everything the server
 * sends (so also its acknowledgements), or everything the browser sends, and let it through
 * later, in order. Call before opening the case.
 */
export async function holdMessages(page: Page, from: 'server' | 'browser'): Promise<{ hold: () => void; release: () => void }> {
  let held: (() => void)[] | undefined;
  await page.routeWebSocket(/\/ws\/cases\//, (route) => {
    const server = route.connectToServer();
    const [source, destination] = from === 'server' ? [server, route] : [route, server];
    source.onMessage((message) => {
      const deliver = () => destination.send(message);
      if (held) held.push(deliver);
      else deliver();
    });
  });
  return {
    hold: () => (held ??= []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const deliver of waiting) deliver();
    },
  };
}

/**
 * Holds the page's POST requests to `url` (a glob) until `answer`, as on a slow connection, and
 * counts them as they are sent: whether a click again meanwhile sent another.
 */
export async function holdPosts(page: Page, url: string): Promise<{ sent: () => number; answer: () => void }> {
  let sent = 0;
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route(url, async (route) => {
    if (route.request().method() === 'POST') {
      sent += 1;
      await answered;
    }
    await route.continue();
  });
  return { sent: () => sent, answer };
}

/** The names of the case copies this browser profile keeps in IndexedDB (the web app's local copies). */
export function localCaseCopies(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).flatMap(({ name }) => (name?.startsWith('care-case:') ? [name] : [])),
  );
}

/** The case copies and localStorage entries this browser keeps, but the mark of its last sign-out (no one's data). */
export async function keptInBrowser(page: Page): Promise<{ copies: string[]; entries: string[] }> {
  const entries = await page.evaluate(() => Object.keys(localStorage).filter((key) => key !== 'care-signed-out'));
  return { copies: await localCaseCopies(page), entries };
}

/**
 * Whether some local copy has stored an edit with this text yet. Yjs keeps inserted text as UTF-8
 * in its updates, so the stored bytes hold it when one insertion typed it.
 */
export function localCopyHolds(page: Page, text: string): Promise<boolean> {
  return page.evaluate(
    async ({ text }) => {
      const request = <T,>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      for (const { name } of await indexedDB.databases()) {
        if (!name?.startsWith('care-case:')) continue;
        const db = await request(indexedDB.open(name));
        try {
          const updates = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
          if (updates.some((update) => new TextDecoder().decode(update).includes(text))) return true;
        } finally {
          db.close();
        }
      }
      return false;
    },
    { text },
  );
}

/** What a page says to someone who may not use it (as identity/page-rules.ts words it). */
export const REFUSED_PAGE = {
  guest: '招待リンクで参加している方は、この画面を使えません。',
  coordinatorsOnly: 'この画面はコーディネーターだけが使えます。',
  adminsOnly: 'この画面は管理者だけが使えます。',
} as const;

/**
 * Opens `path` as someone who may not use it: it says so once (`refusal`), shows none of its
 * fields, and asks the server for nothing it would refuse.
 */
export async function expectRefusedPage(page: Page, url: string, refusal: string): Promise<void> {
  const refused: string[] = [];
  const noteRefused = (response: { status(): number; url(): string }) => void (response.status() === 403 && refused.push(response.url()));
  page.on('response', noteRefused);
  try {
    await page.goto(url);
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual([refusal]);
    expect(await page.locator('input, select, textarea, form').count()).toBe(0);
  } finally {
    page.off('response', noteRefused);
  }
  expect(refused).toEqual([]);
}

/**
 * Counts the renders, from the page's next load on, of the components drawing the element
 * `selector` finds first (found by what they draw: the build's names are minified), through the
 * hook React offers developer tools, which the production build calls on every commit too.
 * Gives a way to read the count so far.
 */
export async function countRendersOf(page: Page, selector: string): Promise<() => Promise<number>> {
  await page.addInitScript((selector) => {
    const PERFORMED_WORK = 1;
    const FUNCTION_COMPONENT = 0;
    const HOST_COMPONENT = 5;
    type Fiber = { tag: number; flags: number; alternate: Fiber | null; child: Fiber | null; sibling: Fiber | null; stateNode: unknown };
    const drawn = (fiber: Fiber): unknown => {
      let at: Fiber | null = fiber;
      while (at && at.tag !== HOST_COMPONENT) at = at.child;
      return at?.stateNode;
    };
    const counted = window as unknown as { renders: number };
    counted.renders = 0;
    // As React's developer tools tell rendered components: a subtree whose child is unchanged was not rendered.
    const walk = (fiber: Fiber) => {
      const before = fiber.alternate;
      const rendered = fiber.tag === FUNCTION_COMPONENT && (!before || (fiber.flags & PERFORMED_WORK) !== 0);
      if (rendered && drawn(fiber) === document.querySelector(selector)) counted.renders++;
      if (before && fiber.child === before.child) return;
      for (let child = fiber.child; child; child = child.sibling) walk(child);
    };
    Object.assign(window, {
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current),
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        checkDCE: () => {},
      },
    });
  }, selector);
  return () => page.evaluate(() => (window as unknown as { renders: number }).renders);
}
