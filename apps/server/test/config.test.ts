import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration from the environment', () => {
  it('defaults to the embedded store with no fan-out', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.REDIS_PREFIX).toBe('care');
  });

  it('accepts PostgreSQL and Redis URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://care@db:5432/care', REDIS_URL: 'redis://cache:6379' });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://care@db:5432/care', REDIS_URL: 'redis://cache:6379' });
  });

  it('names every bad variable and says what is expected', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://db/care', REDIS_URL: 'cache:6379', PORT: 'abc' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL: must be a URL like postgres:\/\//);
    expect(attempt).toThrow(/REDIS_URL: must be a URL like redis:\/\//);
    expect(attempt).toThrow(/PORT:/);
  });

  it('refuses Redis fan-out without a shared database', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL: needs DATABASE_URL too/);
  });
});
