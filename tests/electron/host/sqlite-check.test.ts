import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSqlite } from '@services/storage/sqlite';
import { openApp } from '@host/compose';
import { testBundle } from '@tests/helpers/bundle';

afterEach(() => vi.restoreAllMocks());

describe('start-up without node:sqlite', () => {
  it('loads the built-in module when the runtime has it', () => {
    expect(typeof loadSqlite().DatabaseSync).toBe('function');
  });

  it('says plainly what is missing and what to do, before touching the data folder', () => {
    vi.spyOn(process, 'getBuiltinModule').mockImplementation(() => undefined as never);
    expect(() => loadSqlite()).toThrow(/needs the built-in SQLite module \(node:sqlite\).*Install the current release/s);
    expect(() =>
      openApp({ argv: ['--data', '/nonexistent/never-created'], env: {}, defaultDataDir: '/x', appVersion: '0', bundle: testBundle() }),
    ).toThrow(/node:sqlite/);
  });
});
