import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The path aliases (@content/…, @contract, @services/…) for every Vite build (electron-vite's main,
 * preload and renderer, the player) and vitest, read from tsconfig.base.json's `paths`: one table,
 * so tsc, Vite, vitest, tsx and esbuild (which read tsconfig.json themselves) resolve alike.
 */
export function pathAliases(root: string): { find: RegExp; replacement: string }[] {
  const config = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return Object.entries(config.compilerOptions.paths).map(([alias, [target]]) => {
    if (!target) throw new Error(`tsconfig.base.json: the path alias ${alias} has no target.`);
    // "@services/*" → "electron/services/*"; "@contract" → "electron/contract/index.ts".
    return alias.endsWith('/*')
      ? { find: new RegExp(`^${escape(alias.slice(0, -1))}`), replacement: `${resolve(root, target.slice(0, -1))}/` }
      : { find: new RegExp(`^${escape(alias)}$`), replacement: resolve(root, target) };
  });
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
