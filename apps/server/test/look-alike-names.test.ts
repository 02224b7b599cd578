import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AccountStore, ConflictError } from '../src/accounts/account-store.ts';
import { hashPassword } from '../src/accounts/password.ts';
import { inTransaction, openPostgres } from '../src/storage/database.ts';
import { openSqliteStore } from '../src/storage/open-store.ts';
import { SqlCaseStore } from '../src/storage/sql-store.ts';
import { adminOf, eventually, removeDir, type RunningServer, serverPerSuite } from './harness.ts';
import { changePassword, post, TEMPORARY_PASSWORD, TEST_PASSWORD } from './sessions.ts';
import { createTestSchema, serverEngines } from './services.ts';
import { beforeLookAlikeKeys } from './storage/before-migrations.ts';

const engines = await serverEngines('the look-alike name tests');

/** The suffix every look-alike refusal ends with: what the server does not tell apart. */
const NOT_TOLD_APART = '（全角・半角、大文字・小文字、前後の空白は区別しません）';

describe.each(engines)('on $name, login names and agencies’ names that only look different', (engine) => {
  let server!: RunningServer;
  serverPerSuite((started) => (server = started), {}, engine);

  it('are refused for a new agency, or an agency renamed, with a 409 that names the one there', async () => {
    const admin = await adminOf(server);
    const register = (name: string) => admin.request('POST', '/api/agencies', { name, kind: '社会福祉協議会' });
    const shakyo = (await (await register('ｼｬｷｮｳ')).json()) as { id: string };

    const refused = await register('シャキョウ');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ message: `「シャキョウ」は、すでにある機関「ｼｬｷｮｳ」と見分けがつかないため使えません${NOT_TOLD_APART}` });
    expect(await (await register('ｼｬｷｮｳ　')).json()).toMatchObject({ message: '「ｼｬｷｮｳ」という機関はすでにあります' });
    expect((await register('ＡＢＣ　訪問看護')).status).toBe(201);
    expect((await register('abc 訪問看護')).status).toBe(409);
    expect((await register('ABC  訪問看護')).status).toBe(409);

    const other = (await (await register('北地区社会福祉協議会')).json()) as { id: string };
    expect((await admin.request('PATCH', `/api/agencies/${other.id}`, { name: 'シャキョウ' })).status).toBe(409);
    // An agency's own name may be spelled anew.
    expect(await (await admin.request('PATCH', `/api/agencies/${shakyo.id}`, { name: 'シャキョウ' })).json()).toMatchObject({ name: 'シャキョウ' });
    expect((await register('ｼｬｷｮｳ')).status).toBe(409);
  });

  it('are refused for a new account; and its holder signs in by any spelling of theirs', async () => {
    const admin = await adminOf(server);
    const { agencies } = (await (await admin.request('GET', '/api/agencies')).json()) as { agencies: { id: string }[] };
    const create = (login: string) => admin.request('POST', '/api/users', { login, name: '田中', agencyId: agencies[0]!.id, password: TEMPORARY_PASSWORD });
    expect((await create('Tanaka.Ichiro')).status).toBe(201);

    const refused = await create('tanaka.ichiro');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ message: `ログインID「tanaka.ichiro」は、すでにあるログインID「Tanaka.Ichiro」と見分けがつかないため使えません${NOT_TOLD_APART}` });

    const tanaka = await changePassword(server, 'TANAKA.ICHIRO', TEMPORARY_PASSWORD, TEST_PASSWORD);
    expect(await (await tanaka.request('GET', '/api/session')).json()).toMatchObject({ user: { userId: tanaka.userId, login: 'Tanaka.Ichiro' } });
    const fullWidth = await post(server, '/api/session', { login: 'ｔａｎａｋａ．ｉｃｈｉｒｏ', password: TEST_PASSWORD });
    expect(await fullWidth.json()).toMatchObject({ user: { userId: tanaka.userId } });
  });

  it('that the database refuses although the check before missed them (taken at the same moment) are refused with a 409, not a 500', async () => {
    const admin = await adminOf(server);
    // Rows whose key the check cannot find, as if another administrator's were not yet committed.
    const db = server.store.db.kysely;
    const now = new Date().toISOString();
    await db.insertInto('agencies').values({ id: 'raced-agency', name: '同時に登録された機関', kind: 'その他', name_key: 'not yet seen', earlier_lookalikes: 0, created_at: now, disabled_at: null }).execute();
    const agencyRefused = await admin.request('POST', '/api/agencies', { name: '同時に登録された機関', kind: 'その他' });
    expect(agencyRefused.status).toBe(409);
    expect(await agencyRefused.json()).toMatchObject({ message: `「同時に登録された機関」と同じか見分けがつかない機関がすでにあります${NOT_TOLD_APART}` });
    const other = (await (await admin.request('POST', '/api/agencies', { name: '改名される機関', kind: 'その他' })).json()) as { id: string };
    expect((await admin.request('PATCH', `/api/agencies/${other.id}`, { name: '同時に登録された機関' })).status).toBe(409);

    const { password_hash } = await db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    await db.insertInto('users').values({ id: 'raced-user', login: 'raced.login', login_key: 'not yet seen', earlier_lookalikes: 0, name: '同時', agency_id: other.id, role: 'staff', password_hash, temporary_password_at: null, disabled_at: null, created_at: now }).execute();
    const loginRefused = await admin.request('POST', '/api/users', { login: 'raced.login', name: '田中', agencyId: other.id, password: TEMPORARY_PASSWORD });
    expect(loginRefused.status).toBe(409);
    expect(await loginRefused.json()).toMatchObject({ message: `ログインID「raced.login」と同じか見分けがつかないログインIDがすでに使われています${NOT_TOLD_APART}` });
  });
});

// SQLite's transactions take the write lock as they begin (BEGIN IMMEDIATE), so there two never overlap.
it.runIf(engines.some((engine) => engine.name === 'PostgreSQL'))(
  'on PostgreSQL, of two administrators registering look-alike agencies at the same moment, the second is refused as a look-alike (409)',
  async () => {
    const schema = await createTestSchema();
    const store = await SqlCaseStore.open(openPostgres(schema.url));
    try {
      let insertedFirst!: () => void;
      let commitFirst!: () => void;
      const inserted = new Promise<void>((resolve) => (insertedFirst = resolve));
      const committing = new Promise<void>((resolve) => (commitFirst = resolve));
      const first = inTransaction(store.db, async (tx) => {
        await new AccountStore(tx).createAgency('ｼｬｷｮｳ', '社会福祉協議会');
        insertedFirst();
        await committing;
      });
      await inserted;
      // Its check cannot see the first's row, not yet committed: its insert waits for the first.
      const second = inTransaction(store.db, (tx) => new AccountStore(tx).createAgency('シャキョウ', '社会福祉協議会'));
      second.catch(() => {});
      await eventually(async () => {
        const { rows } = await sql<{ waiting: string }>`select count(*) as waiting from pg_stat_activity
          where wait_event_type = 'Lock' and query like 'insert into "agencies"%'`.execute(store.db.kysely);
        expect(Number(rows[0]!.waiting)).toBeGreaterThan(0);
      });
      commitFirst();
      await first;
      await expect(second).rejects.toThrow(ConflictError);
      expect((await new AccountStore(store.db).listAgencies()).map((agency) => agency.name)).toEqual(['ｼｬｷｮｳ']);
    } finally {
      await store.close();
      await schema.drop();
    }
  },
);

/** A store of the engine named, on data that stays between openings; and what removes it. */
async function reopenable(name: string) {
  if (name === 'SQLite') {
    const dir = mkdtempSync(join(tmpdir(), 'care-lookalike-'));
    return { open: () => openSqliteStore(join(dir, 'cases.sqlite')), remove: async () => removeDir(dir) };
  }
  const schema = await createTestSchema();
  return { open: () => SqlCaseStore.open(openPostgres(schema.url)), remove: schema.drop };
}

it.each(engines)('on $name, look-alikes a database held before their keys were stay as they are: each signs in by its exact spelling, and no new one is taken', async ({ name }) => {
  const { open, remove } = await reopenable(name);
  try {
    // The tables as they were until migration 0013, holding look-alikes.
    const before = await open();
    const db = before.db.kysely;
    await beforeLookAlikeKeys(db);
    await sql`insert into agencies (id, name, created_at) values ('a1', 'ｼｬｷｮｳ', '2026-01-01T00:00:00.000Z'), ('a2', 'シャキョウ', '2026-02-01T00:00:00.000Z')`.execute(db);
    const hash = await hashPassword(TEST_PASSWORD);
    await sql`insert into users (id, login, name, agency_id, role, password_hash, created_at) values
      ('u1', 'Tanaka', '田中一郎', 'a1', 'staff', ${hash}, '2026-01-01T00:00:00.000Z'),
      ('u2', 'tanaka', '田中次郎', 'a2', 'staff', ${hash}, '2026-02-01T00:00:00.000Z')`.execute(db);
    await before.close();

    const after = await open();
    try {
      const accounts = new AccountStore(after.db);
      expect((await accounts.getUserByLogin('Tanaka'))?.id).toBe('u1');
      expect(await accounts.checkPassword('tanaka', TEST_PASSWORD)).toMatchObject({ opens: { id: 'u2' } });
      expect(await accounts.checkPassword('TANAKA', TEST_PASSWORD)).toEqual({ noSuchLogin: true }); // which of the two? neither
      expect((await accounts.listAgencies()).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
      expect((await accounts.findAgencyByName('シャキョウ'))?.id).toBe('a2');

      const newcomer = { name: '田中三郎', agencyId: 'a1', role: 'staff' as const, passwordHash: hash, temporaryPassword: true };
      await expect(accounts.createUser({ ...newcomer, login: 'TANAKA' })).rejects.toThrow(ConflictError);
      await expect(accounts.createAgency('ｼｬｷｮｳ ', '社会福祉協議会')).rejects.toThrow(ConflictError);
      // Renamed apart, a look-alike is one no longer; the one left still holds the name.
      expect(await accounts.renameAgency('a2', '南地区社会福祉協議会')).toMatchObject({ name: '南地区社会福祉協議会' });
      await expect(accounts.createAgency('シャキョウ', '社会福祉協議会')).rejects.toThrow(ConflictError);
      expect((await accounts.findAgencyByName('ｼｬｷｮｳ'))?.id).toBe('a1');
    } finally {
      await after.close();
    }
  } finally {
    await remove();
  }
});
