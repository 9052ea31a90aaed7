import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildPackage, packageModules, packageCourse } from '@services/exports/packages/package';
import { SHIPPED_SCHEMAS } from '@services/exports/packages/schemas';
import { PAYLOAD_GLOBAL } from '@services/exports/packages/payload';
import { testBundle } from '@tests/helpers/bundle';
import { RENDERER_ROOT } from '@tests/helpers/preview';
import { SCORM_VERSIONS, type ScormVersion } from '@content/scorm';

// The project's own copy of the official schemas (never ../shared), with the validation wrappers.
const XSD = path.resolve(__dirname, '../../../electron/services/exports/packages/scorm-xsd');
const WRAPPER = { scorm12: `${XSD}/scorm12/scorm12_wrapper.xsd`, scorm2004: `${XSD}/scorm2004-4th/scorm2004_4th_wrapper.xsd` } as const;

let tmp: string;
beforeAll(() => {
  const probe = spawnSync('xmllint', ['--version']);
  if (probe.error) throw new Error('xmllint is missing: apt-get install -y libxml2-utils');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function xmllint(version: ScormVersion, manifest: string): { status: number; stderr: string } {
  const file = path.join(tmp, `${version}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, manifest);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', WRAPPER[version], file], { encoding: 'utf8' });
  return { status: r.status ?? -1, stderr: r.stderr };
}

function contentPayload(zip: Uint8Array): { modules: string[]; course: { id: string }; policyVersionLabel: string; scormVersion: string } {
  const script = strFromU8(unzipSync(zip)['content.js']!);
  return JSON.parse(script.slice(script.indexOf('=') + 1).trim().replace(/;$/, ''));
}

const build = (version: ScormVersion, extra: { courseId?: string; moduleId?: string } = {}) =>
  buildPackage({ bundle: testBundle(), version, trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '2.0', rendererRoot: RENDERER_ROOT, ...extra });

describe.each(SCORM_VERSIONS)('%s package', (version) => {
  it('has a manifest that validates against the official schemas with xmllint', () => {
    const r = xmllint(version, build(version).manifest);
    expect(r.stderr).toMatch(/validates/);
    expect(r.status).toBe(0);
  });

  it('validates for a pupil band and for a single module too', () => {
    expect(xmllint(version, build(version, { courseId: 'pupils-ks3' }).manifest).status).toBe(0);
    expect(xmllint(version, build(version, { moduleId: 'assessment' }).manifest).status).toBe(0);
  });

  it('fails validation when a value is out of its vocabulary (the check can fail)', () => {
    const m = build(version).manifest;
    const attr = version === 'scorm12' ? 'adlcp:scormtype' : 'adlcp:scormType';
    const broken = m.replace(`${attr}="sco"`, `${attr}="scoo"`);
    expect(broken).not.toBe(m);
    expect(xmllint(version, broken).status).toBe(3);
  });

  it('holds the staff induction as ONE SCO that plays every module from its own menu, with no mastery score', () => {
    const p = build(version);
    const course = packageCourse(testBundle());
    const modules = packageModules(course);
    expect(course.id).toBe('staff-induction');
    expect(p.manifest.match(/<organization /g)).toHaveLength(1);
    expect(p.manifest.match(/<item /g)).toHaveLength(1);
    const scoAttr = version === 'scorm12' ? 'adlcp:scormtype="sco"' : 'adlcp:scormType="sco"';
    expect(p.manifest.split(scoAttr).length - 1).toBe(1);
    expect(p.manifest).toContain('href="player.html"');
    // The SCO decides a pass (the pass mark and the acknowledgement): no LMS may decide it from the score.
    expect(p.manifest).not.toMatch(/masteryscore|satisfiedByMeasure|minNormalizedMeasure/);
    const payload = contentPayload(p.zip);
    expect(payload.modules).toEqual(modules.map((m) => m.id));
    expect(payload.modules).not.toContain('refresher');
    if (version === 'scorm2004') {
      expect(p.manifest).toContain('<schemaversion>2004 4th Edition</schemaversion>');
      expect(p.manifest).toContain('<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>');
    }
  });

  it('per module: one SCO playing that one module', () => {
    const p = build(version, { moduleId: 'assessment' });
    expect(p.fileName).toBe(`staff-induction-assessment-${version}.zip`);
    expect(p.manifest.match(/<item /g)).toHaveLength(1);
    expect(contentPayload(p.zip).modules).toEqual(['assessment']);
  });

  it('carries the schemas, the built player with relative paths and content.js; every file the manifest names exists', () => {
    const p = build(version);
    const files = unzipSync(p.zip);
    const names = Object.keys(files);
    for (const xsd of SHIPPED_SCHEMAS[version]) expect(names).toContain(xsd);
    expect(names.some((n) => n.endsWith('_wrapper.xsd'))).toBe(false);
    expect(names).toContain('player.html');
    expect(names).toContain('content.js');
    const html = strFromU8(files['player.html']!);
    expect(html).toMatch(/<script src="content\.js"><\/script>\s*<script type="module"/);
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
    // Semantic checks xmllint cannot make (SCORM CAM): hrefs exist, ids unique, references resolve.
    const hrefs = [...p.manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]!);
    for (const h of hrefs) expect(names, h).toContain(h);
    for (const m of p.manifest.matchAll(/identifierref="([^"]+)"/g)) expect(p.manifest).toContain(`identifier="${m[1]}"`);
    const ids = [...p.manifest.matchAll(/ identifier="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const name of names.filter((n) => n.startsWith('assets/'))) expect(hrefs).toContain(name);
    const script = strFromU8(files['content.js']!);
    expect(script.startsWith(`window.${PAYLOAD_GLOBAL} = {`)).toBe(true);
    const payload = contentPayload(p.zip);
    expect(payload).toMatchObject({ course: { id: 'staff-induction' }, policyVersionLabel: '2.0', scormVersion: version });
    expect(script).not.toMatch(/\{(trust|school|policyVersion)\}/);
  });

  it('is byte-identical when built twice from the same content', () => {
    expect(Buffer.from(build(version).zip).equals(Buffer.from(build(version).zip))).toBe(true);
  });
});

describe('xmllint itself', () => {
  it('is run against the project copy, and that copy matches its README checksums', () => {
    const readme = readFileSync(path.join(XSD, 'README.md'), 'utf8');
    const sums = [...readme.matchAll(/^ {4}([0-9a-f]{64}) {2}(\S+)$/gm)];
    expect(sums.length).toBeGreaterThan(30);
    const out = execFileSync('sha256sum', sums.map((m) => m[2]!), { cwd: XSD, encoding: 'utf8' });
    for (const m of sums) expect(out).toContain(`${m[1]}  ${m[2]}`);
  });
});
