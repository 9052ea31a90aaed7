import { xml } from './xml';

export interface ManifestInput {
  /** Unique per course and version, e.g. LEAP-staff-induction-scorm2004. */
  identifier: string;
  version: string;
  /** The course's title, or "course: module" for a one-module package. */
  title: string;
  /** Files the SCO needs besides player.html (content.js, assets/...), package-relative. */
  sharedFiles: readonly string[];
}

/**
 * Every package is ONE SCO (docs/lms.md says why): player.html, which shows the package's modules
 * in its own menu and records them all in the one SCO's cmi. No mastery score is declared: the SCO
 * decides a pass itself (the pass mark and, for staff, the acknowledgement), so no LMS can mark a
 * pass from the score alone before the acknowledgement is given.
 */
const LAUNCH = 'player.html';

function resources(input: ManifestInput, scormTypeAttr: string): string {
  const files = input.sharedFiles.map((f) => `      <file href="${xml(f)}"/>`).join('\n');
  return `  <resources>
    <resource identifier="RES-SCO" type="webcontent" ${scormTypeAttr}="sco" href="${LAUNCH}">
      <file href="${LAUNCH}"/>
      <dependency identifierref="RES-PLAYER-FILES"/>
    </resource>
    <resource identifier="RES-PLAYER-FILES" type="webcontent" ${scormTypeAttr}="asset">
${files}
    </resource>
  </resources>`;
}

/** SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2): one organization, one item, one SCO. */
export function manifest12(input: ManifestInput): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(input.identifier)}" version="${xml(input.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>${xml(input.title)}</title>
      <item identifier="ITEM-SCO" identifierref="RES-SCO" isvisible="true">
        <title>${xml(input.title)}</title>
      </item>
    </organization>
  </organizations>
${resources(input, 'adlcp:scormtype')}
</manifest>
`;
}

/**
 * SCORM 2004 4th edition: one organization, one item, one SCO that sets its completion and success
 * itself (deliveryControls say so); no objective is satisfied by measure, since LMSs differ in
 * whether they apply it (Moodle never does) and the pass also needs the acknowledgement.
 */
export function manifest2004(input: ManifestInput): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(input.identifier)}" version="${xml(input.version)}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>${xml(input.title)}</title>
      <item identifier="ITEM-SCO" identifierref="RES-SCO">
        <title>${xml(input.title)}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
${resources(input, 'adlcp:scormType')}
</manifest>
`;
}
