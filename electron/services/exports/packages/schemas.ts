import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScormVersion } from '@content/scorm';

/**
 * The official schema files each package carries beside imsmanifest.xml (the ones its
 * xsi:schemaLocation names and those they include), from the project's own copy in
 * electron/services/exports/packages/scorm-xsd. The validation-only wrapper schemas are never shipped.
 */
export const SHIPPED_SCHEMAS = {
  scorm12: ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'],
  scorm2004: [
    'imscp_v1p1.xsd',
    'adlcp_v1p3.xsd',
    'adlseq_v1p3.xsd',
    'adlnav_v1p3.xsd',
    'imsss_v1p0.xsd',
    'imsss_v1p0auxresource.xsd',
    'imsss_v1p0control.xsd',
    'imsss_v1p0delivery.xsd',
    'imsss_v1p0limit.xsd',
    'imsss_v1p0objective.xsd',
    'imsss_v1p0random.xsd',
    'imsss_v1p0rollup.xsd',
    'imsss_v1p0seqrule.xsd',
    'imsss_v1p0util.xsd',
    'xml.xsd',
    'XMLSchema.dtd',
    'datatypes.dtd',
  ],
} as const;

const FOLDER = { scorm12: 'scorm12', scorm2004: 'scorm2004-4th' } as const;

/**
 * Where the schema copy is. The packaged app ships only out/**, so the build copies the folder to
 * out/main/scorm-xsd (electron.vite.config.ts).
 */
export function schemaRoot(): string {
  const candidates = [
    // From source (tsx, tests) the folder sits beside this file; the built main bundle finds its
    // copy in out/main/scorm-xsd (copied at build) under the same name.
    path.resolve(__dirname, 'scorm-xsd'),
    path.resolve(__dirname, '../../electron/services/exports/packages/scorm-xsd'), // the built main run from a checkout
  ];
  const found = candidates.find((c) => existsSync(path.join(c, 'scorm12', 'imscp_rootv1p1p2.xsd')));
  if (!found) throw new Error(`The SCORM schema files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

export function schemaFiles(version: ScormVersion): { name: string; data: Uint8Array }[] {
  const dir = path.join(schemaRoot(), FOLDER[version]);
  return SHIPPED_SCHEMAS[version].map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}
