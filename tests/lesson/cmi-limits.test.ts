import { describe, expect, it } from 'vitest';
import { cmiBytes, cmiProblems, SCORM_VERSIONS } from '@content/scorm';
import { testBundle } from '../helpers/bundle';
import { startSession } from './harness';
import { drawnIds, drive } from './support';

/**
 * The limits on what a learner sends (content/scorm CMI_LIMITS) are ones an honest learner never
 * meets: every module of the shipped content, played to the end by the real player against the
 * in-app scorm-again host, in both SCORM versions, sends commits far below each limit. The
 * figures are written out by hand from the limits; the largest measured were 6.6 KB per commit
 * and 96 KB per attempt (the staff assessment, SCORM 2004).
 */

const COMMIT_LIMIT = 256_000;
const ATTEMPT_LIMIT = 4_000_000;

describe.each(SCORM_VERSIONS)('%s: the player’s commits against the limits', (version) => {
  it('every module played to the end: every commit within every limit, the largest under a twentieth of each', async () => {
    let largestCommit = 0;
    let largestAttempt = 0;
    let modules = 0;
    for (const c of testBundle().courses) {
      for (const m of c.modules) {
        const s = await startSession({ course: c, moduleId: m.id, version, drawnIds: drawnIds(c, m.id, `limits-${m.id}`) });
        drive(s.run, (_item, n) => (n % 3 === 0 ? 'wrong' : 'right'));
        await s.host.flush();
        let attempt = 0;
        for (const sent of s.sent) {
          expect(cmiProblems(sent.cmi), `${c.id}/${m.id} seq ${sent.seq}`).toEqual([]);
          const bytes = cmiBytes(sent.cmi);
          largestCommit = Math.max(largestCommit, bytes);
          attempt += bytes;
        }
        largestAttempt = Math.max(largestAttempt, attempt);
        modules++;
      }
    }
    expect(modules).toBeGreaterThan(20);
    expect(largestCommit).toBeGreaterThan(0);
    expect(largestCommit).toBeLessThan(COMMIT_LIMIT / 20);
    expect(largestAttempt).toBeLessThan(ATTEMPT_LIMIT / 20);
  }, 120_000);
});
