import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addActionItem, appendSummaryParagraphs, readActionItems, scheduleConference, startConference, summaryLines } from '@care/case-doc';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { asParticipant, connectClient, createCase, removeDir, signIn, synced, type TestClient, type TestSession } from './harness.ts';
import type { Random } from './seeded.ts';
import { createFirstAdmin, preparedServerProcess, type ServerProcess } from './server-process.ts';

const ADMIN = { login: 'run-admin', password: 'run admin password' };

/** Every token an edit left in the doc: summary lines and action items' `what`, each as often as it appears. */
export function tokensIn(doc: Y.Doc): string[] {
  return [...summaryLines(doc), ...readActionItems(doc).value.map((item) => item.what)];
}

type Editor = { name: string; client: TestClient; typed: { token: string; local: number }[] };

/**
 * A real server process on its own data folder, restarted as often as a test likes (the next
 * process is prepared while the current one runs), and editors typing into one case: summary
 * lines and action items, each a unique token, every few milliseconds, online or not.
 */
export class EditingRun {
  private next: ReturnType<typeof preparedServerProcess>;
  server!: ServerProcess & { admin: typeof ADMIN };
  private readonly editors: Editor[] = [];
  private typing?: Promise<void>;
  private typingOn = false;
  caseId = '';
  private conferenceId = '';
  private admin!: TestSession;

  private constructor(
    private readonly random: Random,
    private readonly env: Record<string, string>,
  ) {
    this.next = preparedServerProcess(env);
  }

  static async start(random: Random, { editors, env = {} }: { editors: number; env?: Record<string, string> }): Promise<EditingRun> {
    const dataDir = mkdtempSync(join(tmpdir(), 'care-run-'));
    await createFirstAdmin(dataDir, ADMIN);
    const run = new EditingRun(random, { ...env, DATA_DIR: dataDir });
    try {
      await run.restart();
      run.caseId = await createCase(run.server, '耐久試験');
      run.admin = await signIn(run.server, ADMIN.login, ADMIN.password);
      // A coordinator plans and starts the conference the editors add action items to (items are agreed at a live one).
      const planner = await connectClient(run.server, run.caseId, run.admin);
      run.conferenceId = scheduleConference(planner.doc, { date: '2026-12-01', kind: '個別ケース検討' });
      startConference(planner.doc, run.conferenceId, asParticipant(run.admin), Date.now());
      await planner.saves.whenSaved();
      planner.destroy();
      for (let i = 0; i < editors; i++) run.editors.push({ name: `e${i}`, client: await connectClient(run.server, run.caseId), typed: [] });
      return run;
    } catch (error) {
      await run.dispose();
      throw error;
    }
  }

  get dataDir(): string {
    return this.env.DATA_DIR!;
  }

  /** Starts the prepared server process, and prepares the one after it while this one runs. */
  async restart(): Promise<void> {
    this.server = { ...(await this.next.start()), admin: ADMIN };
    this.next = preparedServerProcess(this.env);
  }

  startTyping(): void {
    this.typingOn = true;
    this.typing = Promise.all(this.editors.map((editor) => this.type(editor))).then(() => {});
  }

  async stopTyping(): Promise<void> {
    this.typingOn = false;
    await this.typing;
  }

  private async type(editor: Editor): Promise<void> {
    for (let n = editor.typed.length; this.typingOn; n++) {
      const token = `${editor.name}-${n}`;
      const { doc } = editor.client;
      if (this.random.int(0, 3) === 0) {
        addActionItem(doc, this.conferenceId, { what: token, ownerName: '担当者', ownerAgency: { kind: '地域包括支援センター' }, due: '2026-12-15' });
      } else {
        appendSummaryParagraphs(doc, [token]);
      }
      editor.typed.push({ token, local: editor.client.saves.status.local });
      await sleep(this.random.int(5, 50));
    }
  }

  /** Editors stop talking to the server (keeping their docs, and typing on if they were). */
  disconnectEditors(): void {
    for (const editor of this.editors) editor.client.provider.disconnect();
  }

  /** Editors reconnect to the current server process; resolves once each has synced. */
  async reconnectEditors(): Promise<void> {
    for (const editor of this.editors) {
      editor.client.provider.serverUrl = this.server.wsUrl;
      editor.client.provider.connect();
    }
    await Promise.all(this.editors.map((editor) => synced(editor.client.provider)));
  }

  async whenEditorsSaved(): Promise<void> {
    await Promise.all(this.editors.map((editor) => editor.client.saves.whenSaved()));
  }

  /** Resolves with the code and reason each editor's socket is closed with next. */
  nextCloses(): Promise<{ code: number; reason: string }[]> {
    return Promise.all(
      this.editors.map(
        (editor) => new Promise<{ code: number; reason: string }>((resolve) =>
          editor.client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
        ),
      ),
    );
  }

  /**
   * What must survive the server's end, by the durability contract: every edit its author saw
   * acknowledged (SaveTracker), and every edit another editor saw relayed (the server writes
   * before relaying). Read while the editors are disconnected.
   */
  mustSurvive(): Set<string> {
    const expected = new Set<string>();
    for (const editor of this.editors) {
      const { acknowledged } = editor.client.saves.status;
      for (const { token, local } of editor.typed) if (local <= acknowledged) expected.add(token);
      for (const token of tokensIn(editor.client.doc)) if (!token.startsWith(`${editor.name}-`)) expected.add(token);
    }
    return expected;
  }

  /** Of the given tokens, those the current server process does not have. */
  async missingOnServer(expected: Set<string>): Promise<string[]> {
    const present = new Set(await this.tokensOnServer());
    return [...expected].filter((token) => !present.has(token));
  }

  /**
   * Stops typing and lets the editors send what the server lacks (they kept every edit it had not
   * acknowledged); resolves with every token anyone typed and every token the case then holds, sorted.
   */
  async settle(): Promise<{ typed: string[]; stored: string[] }> {
    await this.stopTyping();
    await this.reconnectEditors();
    await this.whenEditorsSaved();
    const typed = this.editors.flatMap((editor) => editor.typed.map(({ token }) => token));
    return { typed: typed.toSorted(), stored: (await this.tokensOnServer()).toSorted() };
  }

  /** The case as a newcomer receives it from the current server process (its content must read cleanly). */
  private async tokensOnServer(): Promise<string[]> {
    const reader = await connectClient(this.server, this.caseId, this.admin);
    try {
      expect(readActionItems(reader.doc).problems).toEqual([]);
      return tokensIn(reader.doc);
    } finally {
      reader.destroy();
    }
  }

  async dispose(): Promise<void> {
    this.typingOn = false;
    for (const editor of this.editors) editor.client.destroy();
    await this.server?.stop('SIGKILL');
    await this.next.discard();
    removeDir(this.dataDir);
  }
}
