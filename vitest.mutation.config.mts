import { defineConfig } from 'vitest/config';

// The suites that hold the promises Stryker mutates (npm run test:mutation; docs/testing.md):
// Node only, no Chromium; out/ is built by the script before Stryker starts.
export default defineConfig({
  test: {
    include: [
      'tests/services/records/verdict.test.ts',
      'tests/services/admin/separation.test.ts',
      'tests/electron/host/app-files.test.ts',
      'tests/services/exports/promises.test.ts',
      'tests/lesson/scorm-output.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
