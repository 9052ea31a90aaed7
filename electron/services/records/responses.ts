import type { ItemKind } from '../../../content/schema';
import type { ScormVersion } from '../../contract/channels/records';

/**
 * A SCORM learner_response / student_response back to the neutral response text of
 * content/schema (FORMAT.md). The player writes SCORM 2004 delimiters as `[,]` and `[.]` and
 * SCORM 1.2 true/false as `t`/`f` (renderer/src/lesson/scorm/format.ts); this is the reverse, kept
 * in main so the re-scoring never runs renderer code. Anything else passes through unchanged and is
 * then judged by `scoreResponse`, which counts malformed text as wrong.
 */
export function neutralResponse(version: ScormVersion, kind: ItemKind, text: string): string {
  if (version === 'scorm12') {
    if (kind === 'trueFalse') return text === 't' || text === '1' ? 'true' : text === 'f' || text === '0' ? 'false' : text;
    return text;
  }
  return text.split('[,]').join(',').split('[.]').join('.');
}
