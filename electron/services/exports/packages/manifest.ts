import type { Module } from '../../../../content/schema';
import { xml, xmlId } from './xml';

export interface ManifestInput {
  /** Unique per course and version, e.g. LEAP-staff-induction-scorm2004. */
  identifier: string;
  version: string;
  title: string;
  modules: readonly Module[];
  /** Files every SCO needs besides player.html (content.js, assets/...), package-relative. */
  sharedFiles: readonly string[];
}

/** Percent needed to pass a graded module; the content says it, 80 otherwise (CONTENT-BRIEF). */
export const passPercentOf = (m: Module): number => m.draw?.passPercent ?? 80;
const graded = (m: Module): boolean => m.kind !== 'lesson';
const launch = (m: Module): string => `player.html?module=${encodeURIComponent(m.id)}`;

function resources(input: ManifestInput, scormTypeAttr: string): string {
  const scos = input.modules
    .map(
      (m) => `    <resource identifier="${xmlId('RES', m.id)}" type="webcontent" ${scormTypeAttr}="sco" href="${xml(launch(m))}">
      <file href="player.html"/>
      <dependency identifierref="RES-PLAYER-FILES"/>
    </resource>`,
    )
    .join('\n');
  const files = input.sharedFiles.map((f) => `      <file href="${xml(f)}"/>`).join('\n');
  return `  <resources>
${scos}
    <resource identifier="RES-PLAYER-FILES" type="webcontent" ${scormTypeAttr}="asset">
${files}
    </resource>
  </resources>`;
}

/** SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2): one organization, one SCO per module. */
export function manifest12(input: ManifestInput): string {
  const items = input.modules
    .map((m) => {
      const mastery = graded(m) ? `\n        <adlcp:masteryscore>${passPercentOf(m)}</adlcp:masteryscore>` : '';
      return `      <item identifier="${xmlId('ITEM', m.id)}" identifierref="${xmlId('RES', m.id)}" isvisible="true">
        <title>${xml(m.title)}</title>${mastery}
      </item>`;
    })
    .join('\n');
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
${items}
    </organization>
  </organizations>
${resources(input, 'adlcp:scormtype')}
</manifest>
`;
}

/**
 * SCORM 2004 4th edition: one organization, one SCO per module, free choice and flow between
 * them. A graded module's primary objective is satisfied by its measure at 0.8 (its pass mark);
 * the SCO sets completion and success itself (the acknowledgement is inside it).
 */
export function manifest2004(input: ManifestInput): string {
  const items = input.modules
    .map((m) => {
      const objective = graded(m)
        ? `
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${xmlId('OBJ', m.id)}" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${(passPercentOf(m) / 100).toFixed(2).replace(/0$/, '')}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>`
        : '';
      return `      <item identifier="${xmlId('ITEM', m.id)}" identifierref="${xmlId('RES', m.id)}">
        <title>${xml(m.title)}</title>
        <imsss:sequencing>${objective}
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>`;
    })
    .join('\n');
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
${items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
${resources(input, 'adlcp:scormType')}
</manifest>
`;
}
