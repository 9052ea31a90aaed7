import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './vite.aliases.mts';
import vue from '@vitejs/plugin-vue';

// One config for every suite: Node for services/content/shell, Chromium (driven by
// playwright-core) for the renderer end-to-end tests under tests/e2e.
export default defineConfig({
  resolve: { alias: pathAliases(fileURLToPath(new URL('.', import.meta.url))) },
  plugins: [vue()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // e2e suites start their own preview servers on random ports; keep the machine's 2 cores calm.
    maxWorkers: 2,
    globalSetup: ['tests/global-setup.ts'],
  },
});
