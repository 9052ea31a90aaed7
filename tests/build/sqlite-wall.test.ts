import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Readers and writers apart (issue 20 item 3): lint lets only the storage engine (and the tests'
 * raw-connection helper) load node:sqlite, so no service can open a writable connection of its own.
 */
const eslint = new ESLint();
const refusals = async (filePath: string, code: string): Promise<string[]> =>
  (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages.filter((m) => m.ruleId === 'house/sqlite-in-storage').map((m) => m.message));

const OPENS = "import { DatabaseSync } from 'node:sqlite';\nexport const open = (file: string): DatabaseSync => new DatabaseSync(file);\n";

describe('the node:sqlite wall', () => {
  it('refuses a service, the host and a test that would open a connection of their own', async () => {
    for (const file of ['electron/services/dashboard/direct.ts', 'electron/host/direct.ts', 'tests/services/dashboard/direct.test.ts']) {
      expect(await refusals(file, OPENS), file).toEqual([expect.stringMatching(/only by the storage engine/)]);
    }
    expect(await refusals('electron/services/dashboard/direct.ts', "export const m = process.getBuiltinModule('node:sqlite');\n")).toHaveLength(1);
    expect(await refusals('electron/services/dashboard/direct.ts', "export const m = require('node:sqlite');\n")).toHaveLength(1);
    expect(await refusals('electron/services/dashboard/direct.ts', "export const m = import('node:sqlite');\n")).toHaveLength(1);
  });

  it('lets the storage engine and the test-only helper open one, and anyone name the type', async () => {
    expect(await refusals('electron/services/storage/direct.ts', OPENS)).toEqual([]);
    expect(await refusals('tests/helpers/records-db.ts', OPENS)).toEqual([]);
    expect(await refusals('electron/services/dashboard/direct.ts', "import type { DatabaseSync } from 'node:sqlite';\nexport type Db = DatabaseSync;\n")).toEqual([]);
  });

  it('lets only the records service open the writable records', async () => {
    const opensRecords = "import { openRecords } from '@services/storage';\nexport const open = openRecords;\n";
    const writers = async (filePath: string): Promise<string[]> =>
      (await eslint.lintText(opensRecords, { filePath })).flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message));
    for (const file of ['electron/services/dashboard/direct.ts', 'electron/host/direct.ts', 'tests/services/records/direct.test.ts']) {
      expect(await writers(file), file).toEqual([expect.stringMatching(/Only the records service opens the writable records/)]);
    }
    expect(await writers('electron/services/records/service.ts')).toEqual([]);
  });
});
