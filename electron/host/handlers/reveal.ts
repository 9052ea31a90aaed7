import { fillPlaceholders } from '@content/schema';
import { attemptDraw, attemptSchool, revealJudged, type RevealedAnswer } from '@services/records';
import type { Services } from '../services';

/** A commit's judged answers as the learner may see them, placeholders filled as content.module fills them. */
export function revealed(s: Services, attemptId: string, judged: Parameters<typeof revealJudged>[2]): RevealedAnswer[] {
  const draw = attemptDraw(s.db, attemptId);
  if (!draw) return [];
  const settings = s.settings.get();
  const school = attemptSchool(s.db, attemptId) ?? settings.trustName;
  return fillPlaceholders(revealJudged(s.bundle, draw, judged), { trust: settings.trustName, school, policyVersion: settings.policyVersionLabel });
}
