import { describe } from 'vitest';
import { openPostgres } from '../../src/storage/database.ts';
import { SqlCaseStore } from '../../src/storage/sql-store.ts';
import { createTestSchema, probePostgres, warnSkipped } from '../services.ts';
import { storeContract } from './contract.ts';
import { recordStoreContract } from './records-contract.ts';

const missing = warnSkipped('the PostgreSQL storage contract tests', await probePostgres());

describe.skipIf(missing)('PostgreSQL', () => {
  const postgresLocation = async () => {
    const schema = await createTestSchema();
    return { open: () => SqlCaseStore.open(openPostgres(schema.url)), shared: true, remove: schema.drop };
  };
  storeContract('PostgreSQL', postgresLocation);
  recordStoreContract('PostgreSQL', postgresLocation);
});
