import type { ReadableDb } from '../storage';
import { assessableBank, type Bundle, type BundleCourse, type Module } from '@content/schema';
import { ServiceError } from '@contract/result';
import { staffFacts } from '../records';
import { chooseRefresherItems, lastSeenItemIds, refresherRefusal } from './refresher';
import { complianceFor } from './status';
import type { ComplianceSettings } from './types';

/**
 * What attempts.start does for a new refresher attempt: refuse it unless the learner's completion
 * is expiring or expired, and draw its items, those not seen last time first.
 */
export function refresherDraw(
  db: ReadableDb,
  bundle: Bundle,
  settings: ComplianceSettings,
  now: Date,
  learnerId: string,
  course: BundleCourse,
  module: Module,
  attemptId: string,
): { drawnItemIds: string[]; lastSeen: string[] } {
  const facts = staffFacts(db, learnerId)[0];
  if (!facts) throw new ServiceError('not-found', `learnerId: no member of staff ${learnerId} on record`);
  const compliance = complianceFor(facts.learner, facts.attempts, facts.acknowledgements, bundle, settings, now);
  const refusal = refresherRefusal(compliance.courses.find((c) => c.courseId === course.id));
  if (refusal) throw new ServiceError('conflict', `moduleId: ${refusal}`);
  const graded = new Set(course.modules.filter((m) => m.kind !== 'lesson').map((m) => m.id));
  const lastSeen = lastSeenItemIds(facts.attempts, course.id, graded);
  // Taught before tested: the refresher asks only what the lessons of the learner's role teach.
  const bank = assessableBank(course, facts.learner.role);
  return { drawnItemIds: chooseRefresherItems(module, bank, lastSeen, attemptId), lastSeen };
}
