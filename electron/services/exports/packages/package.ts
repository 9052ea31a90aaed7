import { zipSync, strToU8, type Zippable } from 'fflate';
import type { Bundle, BundleCourse, Module } from '@content/schema';
import type { ScormVersion } from '@content/scorm';
import { manifest12, manifest2004 } from './manifest';
import { buildPayload, contentScript, CONTENT_FILE } from './payload';
import { playerFiles, withContentScript } from './player-files';
import { schemaFiles } from './schemas';

export interface PackageInput {
  bundle: Bundle;
  version: ScormVersion;
  /** Default: the staff induction (the first staff course). */
  courseId?: string;
  /** One module only (for --per-module). */
  moduleId?: string;
  trustName: string;
  policyVersionLabel: string;
  rendererRoot: string;
}

export interface BuiltPackage {
  fileName: string;
  zip: Uint8Array;
  files: string[];
  manifest: string;
}

/** The course a package holds; a clear error names the courses there are. */
export function packageCourse(bundle: Bundle, courseId?: string): BundleCourse {
  const course = courseId ? bundle.courses.find((c) => c.id === courseId) : bundle.courses.find((c) => c.audience === 'staff');
  if (!course) {
    throw new Error(`No course "${courseId ?? '(staff induction)'}" in this content; courses: ${bundle.courses.map((c) => c.id).join(', ')}`);
  }
  return course;
}

/**
 * The SCOs of a package: the course's modules in order. The refresher is left out of the default
 * package (it is offered only around expiry in the app; an LMS runs its own recertification).
 */
export function packageModules(course: BundleCourse, moduleId?: string): Module[] {
  if (moduleId) {
    const m = course.modules.find((x) => x.id === moduleId);
    if (!m) throw new Error(`Course "${course.id}" has no module "${moduleId}"; modules: ${course.modules.map((x) => x.id).join(', ')}`);
    return [m];
  }
  return course.modules.filter((m) => m.kind !== 'refresher');
}

/**
 * One zip, one SCO: imsmanifest.xml, its schemas, the built player and content.js naming the
 * modules the SCO plays (the whole course in its own menu, or the one module of --per-module).
 */
export function buildPackage(input: PackageInput): BuiltPackage {
  const course = packageCourse(input.bundle, input.courseId);
  const modules = packageModules(course, input.moduleId);
  const player = playerFiles(input.rendererRoot);
  const payload = buildPayload({
    bundle: input.bundle,
    course,
    moduleIds: modules.map((m) => m.id),
    scormVersion: input.version,
    trustName: input.trustName,
    policyVersionLabel: input.policyVersionLabel,
  });
  const shared = [CONTENT_FILE, ...player.map((f) => f.name).filter((n) => n !== 'player.html')].sort();
  const suffix = input.moduleId ? `-${input.moduleId}` : '';
  const manifestInput = {
    identifier: `LEAP-${course.id}${suffix}-${input.version}`,
    version: course.contentVersion,
    title: input.moduleId ? `${course.title}: ${modules[0]!.title}` : course.title,
    sharedFiles: shared,
  };
  const manifest = input.version === 'scorm12' ? manifest12(manifestInput) : manifest2004(manifestInput);

  const entries: Zippable = {};
  entries['imsmanifest.xml'] = strToU8(manifest);
  for (const f of schemaFiles(input.version)) entries[f.name] = f.data;
  for (const f of player) {
    entries[f.name] = f.name === 'player.html' ? strToU8(withContentScript(Buffer.from(f.data).toString('utf8'))) : f.data;
  }
  entries[CONTENT_FILE] = strToU8(contentScript(payload));
  // Fixed dates make two exports of the same content byte-identical.
  const zip = zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
  return {
    fileName: `${course.id}${suffix}-${input.version}.zip`,
    zip,
    files: Object.keys(entries).sort(),
    manifest,
  };
}
