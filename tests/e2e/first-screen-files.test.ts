import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageBundle } from '@tests/bench/bundle';
import { RENDERER_ROOT } from '@tests/helpers/preview';

/**
 * Each page's styles arrive as one stylesheet (issue 19 item 6: every file before first paint is a
 * round trip), and inside it the global rules of styles.css still come after the components',
 * the order the two files had: where a component's rule and a global one tie, the global wins, as
 * it did.
 */
const stylesheets = (html: string): string[] => pageBundle(path.join(RENDERER_ROOT, html)).files.filter((f) => f.endsWith('.css'));
const css = (file: string): string => readFileSync(path.join(RENDERER_ROOT, file), 'utf8');
/** In a sheet's text, a component's rule (found by its start) and then styles.css's, which opens with :root. */
function expectGlobalAfter(sheet: string, componentRule: string): void {
  const text = css(sheet);
  const component = text.indexOf(componentRule);
  expect(component).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(':root{')).toBeGreaterThan(component);
}

describe("the first screen's files", () => {
  it('leaves the set-up form, shown once on a PC not yet set up, out of the code loaded before the home screen', () => {
    const first = pageBundle(path.join(RENDERER_ROOT, 'index.html')).files;
    expect(first.some((f) => /^assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(first.filter((f) => /SetupView/.test(f))).toEqual([]);
    expect(readdirSync(path.join(RENDERER_ROOT, 'assets')).filter((f) => /^SetupView-[\w-]+\.js$/.test(f))).toHaveLength(1);
  });
});

describe('stylesheets of the built pages', () => {
  it("loads the first screen's styles as one file: its components' rules, then styles.css's", () => {
    const sheets = stylesheets('index.html');
    expect(sheets).toHaveLength(1);
    // .admin-entry is the set-up gate's (admin.css, a component's import).
    expectGlobalAfter(sheets[0] as string, '.admin-entry{');
  });

  it("gives the player's own chunk one stylesheet with styles.css's rules after the player's", () => {
    const own = stylesheets('player.html').filter((f) => /^assets\/player-[\w-]+\.css$/.test(f));
    expect(own).toHaveLength(1);
    expectGlobalAfter(own[0] as string, '.course-menu');
    expect(stylesheets('player.html').filter((f) => /styles-/.test(f))).toEqual([]);
  });
});
