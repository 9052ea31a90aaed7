import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { openApp, type App } from '@host/compose';
import type { Bundle } from '@content/schema';
import { isSafeSvg, scenesUsedBy } from '@content/schema';
import { buildPackage } from '@services/exports/packages/package';
import { testBundle } from '@tests/helpers/bundle';
import { RENDERER_ROOT } from '@tests/helpers/preview';

// A lesson's pictures travel with the lesson (content.module, or content.js in an LMS package),
// never with the first screen; the reply schema refuses scene markup that is not plain shapes.

const running: { started: App; dir: string }[] = [];
afterEach(() => {
  for (const r of running.splice(0)) {
    r.started.services.close();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

function start(bundle: Bundle = testBundle()): App {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pictures-'));
  const started = openApp({ argv: ['--data', dir], env: {}, defaultDataDir: dir, appVersion: '0.0.0-test', bundle, clock: () => new Date('2026-11-27T10:00:00Z') });
  running.push({ started, dir });
  return started;
}

const ks1 = () => testBundle().courses.find((c) => c.id === 'pupils-ks1')!;

describe('content.module sends a lesson its pictures', () => {
  it('with every scene its screens and questions show, and no others', async () => {
    const started = start();
    const lesson = ks1().modules[0]!;
    const r = await started.dispatch('content.module', { courseId: 'pupils-ks1', moduleId: lesson.id }, { transport: 'ipc' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reply = r.value as { pictures: Record<string, string>; module: { screens: { picture?: { scene: string } }[] } };
    expect(Object.keys(reply.pictures).sort()).toEqual(scenesUsedBy(lesson, lesson.questions ?? []));
    for (const s of reply.module.screens) expect(reply.pictures[s.picture?.scene ?? '']).toMatch(/^<svg /);
    for (const svg of Object.values(reply.pictures)) expect(isSafeSvg(svg)).toBe(true);
    const all = testBundle().pictures ?? {};
    expect(Object.keys(reply.pictures).length).toBeLessThan(Object.keys(all).length);
  });

  it('with none for a staff module', async () => {
    const started = start();
    const r = await started.dispatch('content.module', { courseId: 'staff-induction', moduleId: 'personal-use' }, { transport: 'ipc' });
    expect(r.ok && (r.value as { pictures: object }).pictures).toEqual({});
  });

  it('refuses to deliver a scene that is not plain shapes, even from a tampered bundle', async () => {
    const bundle = testBundle();
    const scene = ks1().modules[0]!.screens[0]!.picture!.scene;
    bundle.pictures = { ...bundle.pictures, [scene]: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' };
    const started = start(bundle);
    const r = await started.dispatch('content.module', { courseId: 'pupils-ks1', moduleId: ks1().modules[0]!.id }, { transport: 'ipc' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });
});

describe('an LMS package of pupil lessons', () => {
  it("carries its lessons' pictures in content.js and the icon set's licence beside the player", () => {
    const p = buildPackage({ bundle: testBundle(), version: 'scorm2004', courseId: 'pupils-ks1', trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '2.0', rendererRoot: RENDERER_ROOT });
    const files = unzipSync(p.zip);
    const script = strFromU8(files['content.js']!);
    const payload = JSON.parse(script.slice(script.indexOf('=') + 1).trim().replace(/;$/, '')) as { pictures: Record<string, string> };
    const used = new Set(ks1().modules.flatMap((m) => scenesUsedBy(m, m.questions ?? [])));
    expect(Object.keys(payload.pictures).sort()).toEqual([...used].sort());
    expect(strFromU8(files['licences/fluent-emoji-flat.txt']!)).toContain('Copyright (c) Microsoft Corporation');
    expect(p.manifest).toContain('href="licences/fluent-emoji-flat.txt"');
  });
});
