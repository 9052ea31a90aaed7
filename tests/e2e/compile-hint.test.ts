import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageBundle } from '@tests/bench/bundle';
import { RENDERER_ROOT } from '@tests/helpers/preview';

/**
 * V8's explicit compile hint (electron.vite.config.ts, eagerCompileHints): a file whose first line
 * is this comment has all its functions compiled as it loads. Below the first line it does not
 * count, so a build change that put something above it (Vite's preamble of an entry, a banner)
 * would silently bring back the compiling on the main thread at the first screen and at the first
 * Next press (issue 19 item 6).
 */
const HINT = '//# allFunctionsCalledOnLoad';
const hinted = (file: string): boolean => readFileSync(path.join(RENDERER_ROOT, file), 'utf8').split('\n', 1)[0] === HINT;
const scripts = (html: string): string[] => pageBundle(path.join(RENDERER_ROOT, html)).files.filter((f) => f.endsWith('.js'));

describe('compile hints in the built renderer', () => {
  it("puts the hint first in the lesson player's own chunks: the player entry, the lesson machine and run, the step views, XState", () => {
    const player = scripts('player.html');
    const own = ['player', 'machine', 'run', 'LessonPlayer', 'StepScreen', 'xstate'].map((name) => {
      const file = player.find((f) => new RegExp(`^assets/${name}-[\\w-]+\\.js$`).test(f));
      expect(file, `a ${name} chunk in player.html's static graph (${player.join(', ')})`).toBeDefined();
      return file as string;
    });
    for (const file of own) expect(hinted(file), file).toBe(true);
  });

  it("puts it first in the first screen's entry and in Vue, which run as the page loads", () => {
    const first = scripts('index.html');
    for (const name of ['index', 'vue']) {
      const file = first.find((f) => new RegExp(`^assets/${name}-[\\w-]+\\.js$`).test(f));
      expect(file, `a ${name} chunk in index.html's static graph (${first.join(', ')})`).toBeDefined();
      expect(hinted(file as string), file).toBe(true);
    }
  });

  it('leaves screens loaded later to compile lazily: the admin area and chart.js are not compiled whole', () => {
    const later = readdirSync(path.join(RENDERER_ROOT, 'assets')).filter((f) => /^(AdminView|charts|BarChart|SignInView|TeachClassView)-[\w-]+\.js$/.test(f));
    expect(later.length).toBeGreaterThanOrEqual(4);
    for (const file of later) expect(hinted(`assets/${file}`), file).toBe(false);
  });
});
