import { describe, expect, it } from 'vitest';
import { isSafeSvg, scenesUsedBy } from '@content/schema';
import { compileContent } from '@content/tools/compile';
import { loadIconSet, renderScene } from '@content/tools/pictures';

// Scene pictures are inserted into the lesson as markup, so what the build makes and what the
// player accepts must be plain shapes; and each lesson carries only the scenes it shows.
const compiled = compileContent();
const pictures = compiled.bundle?.pictures ?? {};

describe('scene pictures', () => {
  it('compiles every scene a lesson uses, and only those, into the bundle', () => {
    const used = new Set(compiled.bundle?.courses.flatMap((c) => c.modules.flatMap((m) => scenesUsedBy(m, m.questions ?? []))));
    expect(Object.keys(pictures).sort()).toEqual([...used].sort());
    expect(used.size).toBeGreaterThan(20);
  });

  it('gives every KS1 and KS2 lesson screen a picture, with alt text or marked decorative', () => {
    for (const c of compiled.bundle?.courses ?? []) {
      if (c.band !== 'ks1' && c.band !== 'ks2') continue;
      for (const s of c.modules.flatMap((m) => m.screens)) {
        expect(s.picture, `${c.id}/${s.id}`).toBeDefined();
        expect(Boolean(s.picture?.alt) !== Boolean(s.picture?.decorative), `${c.id}/${s.id}`).toBe(true);
      }
    }
  });

  it('builds scenes the player accepts: one svg, hidden from screen readers, shapes only', () => {
    for (const [id, svg] of Object.entries(pictures)) {
      expect(isSafeSvg(svg), id).toBe(true);
      expect(svg, id).toMatch(/^<svg [^>]*viewBox="0 0 200 120" aria-hidden="true" focusable="false">/);
      expect(svg, id).not.toMatch(/<(script|style|text|image|foreignObject|a)\b|\son\w+=|style=/i);
    }
  });

  it("keeps each icon's inner ids apart when two scenes share an icon", () => {
    const { set } = loadIconSet();
    const withIds = Object.keys(set.icons).find((n) => /\sid="/.test(set.icons[n]?.body ?? ''));
    expect(withIds).toBeDefined();
    const layer = { icon: withIds ?? '', x: 10, y: 10, size: 50 };
    const one = renderScene({ id: 'one', shows: 'x', backdrop: 'plain', layers: [layer] }, set);
    const two = renderScene({ id: 'two', shows: 'x', backdrop: 'plain', layers: [layer, { ...layer, x: 100 }] }, set);
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(one).every((id) => id?.startsWith('one-0-'))).toBe(true);
    const inTwo = ids(two);
    expect(new Set(inTwo).size).toBe(inTwo.length);
    // Every url(#…) and href="#…" points at an id of its own scene.
    for (const svg of [one, two]) {
      const refs = [...svg.matchAll(/url\(#([^)]+)\)|href="#([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      for (const r of refs) expect(ids(svg)).toContain(r);
    }
  });
});

describe('isSafeSvg refuses markup that could run, load, style or show text', () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 120" aria-hidden="true" focusable="false"><rect width="10" height="10" fill="#fff"/></svg>';
  it('accepts plain shapes', () => {
    expect(isSafeSvg(ok)).toBe(true);
  });
  const hostile: Record<string, string> = {
    script: ok.replace('<rect', '<script>alert(1)</script><rect'),
    'event handler': ok.replace('<rect ', '<rect onload="alert(1)" '),
    'style attribute': ok.replace('<rect ', '<rect style="fill:red" '),
    'style element': ok.replace('<rect', '<style>*{}</style><rect'),
    'outside href': ok.replace('<rect width="10" height="10" fill="#fff"/>', '<use href="https://example.org/x.svg#a"/>'),
    'javascript href': ok.replace('<rect width="10" height="10" fill="#fff"/>', '<use href="javascript:alert(1)"/>'),
    'outside url()': ok.replace('fill="#fff"', 'fill="url(https://example.org/a)"'),
    'foreignObject': ok.replace('<rect', '<foreignObject><div></div></foreignObject><rect'),
    'image': ok.replace('<rect', '<image href="#a"/><rect'),
    'text node': ok.replace('<rect', 'hello<rect'),
    'entity': ok.replace('fill="#fff"', 'fill="&#x6a;"'),
    'comment': ok.replace('<rect', '<!-- x --><rect'),
    'cdata': ok.replace('<rect', '<![CDATA[x]]><rect'),
    'unquoted attribute': ok.replace('width="10"', 'width=10'),
    'single-quoted attribute': ok.replace('width="10"', "width='10'"),
    'two roots': `${ok}${ok}`,
    'not svg': '<div><svg></svg></div>',
    'trailing text': `${ok} x`,
  };
  for (const [what, svg] of Object.entries(hostile)) {
    it(`refuses ${what}`, () => {
      expect(isSafeSvg(svg)).toBe(false);
    });
  }
});
