import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageBundle } from '@tests/bench/bundle';
import { RENDERER_ROOT } from '@tests/helpers/preview';

/**
 * V8's explicit compile hint (electron.vite.config.ts, eagerCompileHint): a file whose first line
 * is this comment has all its functions compiled as it loads. Anywhere else in the file it does
 * nothing, so a build change that moved it (a banner before minification, a licence comment) would
 * silently bring back the compiling on the first Next press (issue 19 item 6).
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

  it("keeps it out of the first screen's files: Vue and the home screen are not compiled whole", () => {
    const first = scripts('index.html');
    expect(first.length).toBeGreaterThan(1);
    for (const file of first) expect(hinted(file), file).toBe(false);
  });
});
