import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './vite.aliases.mts';

// The suites that hold the promises Stryker mutates (npm run test:mutation; docs/testing.md):
// Node only, no Chromium; out/ is built by the script before Stryker starts. While iterating on
// one module, MUTATION_SUITES=tests/a.test.ts,tests/b.test.ts narrows the set (Stryker's dry run
// runs every suite listed here first).
const SUITES = [
  // main's verdict and the commit path
  'tests/services/records/verdict.test.ts',
  'tests/services/records/commit.test.ts',
  'tests/services/records/durable-order.test.ts',
  // the journal: append and fsync before COMMIT, replay at start-up and in recovery
  'tests/services/storage/journal.test.ts',
  'tests/services/storage/compact.test.ts', // the journal adopting a compacted copy
  'tests/services/records/recovery.test.ts',
  'tests/services/storage/replay.test.ts', // the replay's order, a bad entry, the position, lost entries
  // access checks in the dispatcher, the admin guard and its idle extension
  'tests/electron/host/access.test.ts',
  'tests/services/admin/separation.test.ts',
  'tests/services/admin/lockout.test.ts',
  'tests/services/records/session-idle.test.ts', // which calls start a learner's idle time again
  // the CSP
  'tests/electron/host/app-files.test.ts',
  // the exports' staff-only source and the Totara upload: each staff member's fields, exact rows,
  // a certificate looked up by its number
  'tests/services/exports/promises.test.ts',
  'tests/services/exports/records-export.test.ts',
  'tests/services/exports/certificates.test.ts',
  // SCORM encodings and result vocabularies
  'tests/lesson/scorm-output.test.ts',
  'tests/scorm/round-trip.test.ts',
  'tests/scorm/convert.test.ts',
];

export default defineConfig({
  resolve: { alias: pathAliases(fileURLToPath(new URL('.', import.meta.url))) },
  test: {
    include: process.env.MUTATION_SUITES ? process.env.MUTATION_SUITES.split(',') : SUITES,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
