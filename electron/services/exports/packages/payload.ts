import { picturesFor, scenesUsedBy, type AnswerKey, type Bundle, type BundleCourse, type Clause, type PolicyMeta, type Section } from '@content/schema';
import { fillPlaceholders } from '@content/schema/placeholders';
import type { ScormVersion } from '@content/scorm';

/**
 * What the packaged player reads from content.js (docs/interfaces.md "Player package"): the course as
 * the app would deliver it, with the placeholders filled, and the answer key of this course only
 * (a SCO scores itself in the LMS, so the key must travel with it).
 */
export interface LeapCoursePayload {
  format: 'leap-course/1';
  scormVersion: ScormVersion;
  bundleContentVersion: string;
  trustName: string;
  policyVersionLabel: string;
  policy: PolicyMeta;
  sections: Section[];
  clauses: Clause[];
  course: BundleCourse;
  answerKey: AnswerKey;
  modules: string[];
  /** The scenes the packaged lessons show, as SVG by scene id. */
  pictures: Record<string, string>;
}

export const CONTENT_FILE = 'content.js';
export const PAYLOAD_GLOBAL = '__LEAP_COURSE__';

// One definition of the placeholders, shared with the app (content/schema).
export { fillPlaceholders };

export function buildPayload(input: {
  bundle: Bundle;
  course: BundleCourse;
  moduleIds: string[];
  scormVersion: ScormVersion;
  trustName: string;
  policyVersionLabel: string;
}): LeapCoursePayload {
  const { bundle, course } = input;
  const itemIds = new Set([...course.bank.map((i) => i.id), ...course.modules.flatMap((m) => (m.questions ?? []).map((q) => q.id))]);
  const answerKey: AnswerKey = {};
  for (const [id, entry] of Object.entries(bundle.answerKey)) if (itemIds.has(id)) answerKey[id] = entry;
  const filled = fillPlaceholders(course, { trust: input.trustName, school: 'your school', policyVersion: input.policyVersionLabel });
  return {
    format: 'leap-course/1',
    scormVersion: input.scormVersion,
    bundleContentVersion: bundle.contentVersion,
    trustName: input.trustName,
    policyVersionLabel: input.policyVersionLabel,
    policy: bundle.policy,
    sections: bundle.sections,
    clauses: bundle.clauses,
    course: filled,
    answerKey,
    modules: input.moduleIds,
    pictures: picturesFor(
      bundle.pictures,
      course.modules.filter((m) => input.moduleIds.includes(m.id)).flatMap((m) => scenesUsedBy(m, [...(m.questions ?? []), ...(m.draw ? course.bank : [])])),
    ),
  };
}

/** content.js: a classic script, so it runs from file:// and from any LMS sub-path. */
export const contentScript = (payload: LeapCoursePayload): string =>
  // JSON is valid JavaScript; U+2028/2029 are escaped for older engines; </script> cannot occur in a .js file.
  `window.${PAYLOAD_GLOBAL} = ${JSON.stringify(payload).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')};\n`;
