import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/records/record-store.ts';
import { freshDatabases, type StoreLocation } from './contract.ts';

const closer = { userId: 'u-facilitator', name: '田中', agency: '地域包括支援センター' };
const state = (text: string) => new TextEncoder().encode(text);

/** Conference records on an engine: immutable, one per conference even with several processes, filterable. */
export function recordStoreContract(engine: string, newLocation: () => Promise<StoreLocation>) {
  describe(`RecordStore on ${engine}`, () => {
    const freshDatabase = freshDatabases(newLocation);
    async function fresh() {
      const { location, open: openStore, store } = await freshDatabase();
      const open = async () => {
        const opened = await openStore();
        return { store: opened, records: new RecordStore(opened.db) };
      };
      return { location, open, store, records: new RecordStore(store.db) };
    }

    it('stores a record with its hash, lists a case\'s records oldest first and reads one back', async () => {
      const { store, records } = await fresh();
      await store.createCase({ id: 'c1', title: '北地区 80代女性', area: '北地区' });
      const first = await records.add({ caseId: 'c1', conferenceId: 'conf-1', kind: 'closed-conference', label: '第1回', takenBy: closer, agencies: ['社会福祉協議会'], state: state('一'), takenAt: new Date('2026-04-01T10:00:00Z') });
      const second = await records.add({ caseId: 'c1', conferenceId: null, kind: 'manual', label: '途中保存', takenBy: closer, agencies: [], state: state('二'), takenAt: new Date('2026-05-01T10:00:00Z') });
      expect(first).toMatchObject({ caseId: 'c1', conferenceId: 'conf-1', kind: 'closed-conference', takenBy: closer, takenAt: '2026-04-01T10:00:00.000Z' });
      expect(first!.contentHash).toBe(createHash('sha256').update('一').digest('hex'));
      expect((await records.list('c1')).map((r) => r.label)).toEqual(['第1回', '途中保存']);
      const read = await records.get('c1', second!.id);
      expect(read).toMatchObject({ meta: second, hashVerified: true });
      expect(new TextDecoder().decode(read!.state)).toBe('二');
      expect(await records.get('other-case', second!.id)).toBeUndefined();
      expect(await records.forConference('c1', 'conf-1')).toEqual(first);
    });

    it('keeps the first record of a conference and refuses to change or delete any record', async () => {
      const { store, records } = await fresh();
      await store.createCase({ id: 'c1', title: 't' });
      const first = await records.add({ caseId: 'c1', conferenceId: 'conf-1', kind: 'closed-conference', label: '第1回', takenBy: closer, agencies: [], state: state('at close') });
      const again = await records.add({ caseId: 'c1', conferenceId: 'conf-1', kind: 'closed-conference', label: '第1回', takenBy: closer, agencies: [], state: state('later') });
      expect(first).toBeDefined();
      expect(again).toBeUndefined();
      await expect(sql`update conference_records set label = 'changed'`.execute(store.db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`delete from conference_records`.execute(store.db.kysely)).rejects.toThrow(/append-only/);
      const kept = await records.get('c1', first!.id);
      expect(kept).toMatchObject({ meta: first, hashVerified: true });
      expect(new TextDecoder().decode(kept!.state)).toBe('at close');
    });

    it('takes a conference\'s record exactly once when several processes close it at the same moment', async (context) => {
      const { location, open } = await fresh();
      if (!location.shared) return context.skip(`${engine} is used by one process at a time`);
      const processes = await Promise.all(Array.from({ length: 4 }, open));
      await processes[0]!.store.createCase({ id: 'c1', title: 't' });
      const results = await Promise.all(
        processes.map(({ records }, i) =>
          records.add({ caseId: 'c1', conferenceId: 'conf-1', kind: 'closed-conference', label: '第1回', takenBy: closer, agencies: [], state: state(`process ${i}`) }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await processes[1]!.records.list('c1')).toHaveLength(1);
    });

    it('lists the timeline across cases newest taken first, by area and agency (RecordsService goes by days)', async () => {
      const { store, records } = await fresh();
      await store.createCase({ id: 'north', title: '北の事例', area: '北地区' });
      await store.createCase({ id: 'south', title: '南の事例', area: '南地区' });
      const add = (caseId: string, label: string, day: string, agencies: string[]) =>
        records.add({ caseId, conferenceId: label, kind: 'closed-conference', label, takenBy: closer, agencies, state: state(label), takenAt: new Date(`${day}T09:00:00Z`) });
      await add('north', 'N1', '2026-04-01', ['社会福祉協議会']);
      await add('north', 'N2', '2026-05-01', ['医療機関']);
      await add('south', 'S1', '2026-04-15', ['社会福祉協議会', '民生委員']);
      const labels = async (query: Parameters<RecordStore['timeline']>[0]) => (await records.timeline(query)).map((e) => e.label);
      expect(await labels({})).toEqual(['N2', 'S1', 'N1']);
      expect(await labels({ area: '北地区' })).toEqual(['N2', 'N1']);
      expect(await labels({ agency: '社会福祉協議会' })).toEqual(['S1', 'N1']);
      expect(await labels({ area: '南地区', agency: '医療機関' })).toEqual([]);
      expect((await records.timeline({ area: '南地区' }))[0]).toMatchObject({ caseTitle: '南の事例', area: '南地区', agencies: ['社会福祉協議会', '民生委員'] });
    });
  });
}
