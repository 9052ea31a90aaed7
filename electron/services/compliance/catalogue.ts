import type { Bundle } from '@content/schema';
import type { CatalogueItem, LearnerSummary } from '@contract/channels/records';
import type { Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import type { ReadableDb } from '../storage';
import { acknowledgementFacts, attemptFacts, displayName, learnerById, learnerFacts } from '../records';
import { complianceFor } from './status';

/** What the learner's home screen lists: the compliance rules for staff, the band's lessons for pupils. */
export function catalogueFor(db: ReadableDb, bundle: Bundle, settings: Settings, now: Date, learnerId: string): { learner: LearnerSummary; items: CatalogueItem[] } {
  const l = learnerById(db, learnerId);
  if (!l) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record`);
  const learner: LearnerSummary = {
    learnerId: l.id,
    kind: l.kind,
    displayName: displayName(l),
    school: l.school,
    role: l.role,
    className: l.class_name,
    band: l.band,
  };
  if (l.kind === 'staff') {
    const facts = learnerFacts(db, learnerId);
    if (!facts) throw new ServiceError('not-found', `learnerId: no staff learner ${learnerId}`);
    const c = complianceFor(facts, attemptFacts(db, learnerId), acknowledgementFacts(db, learnerId), bundle, settings, now);
    return {
      learner,
      items: c.items.map((i) => ({
        courseId: i.courseId,
        moduleId: i.moduleId,
        title: i.title,
        minutes: i.minutes,
        kind: i.kind,
        status: i.status,
        dueDate: i.dueDate,
        expiresOn: i.expiresOn,
        why: i.why,
        acknowledged: i.acknowledged,
      })),
    };
  }
  // Pupils: their band's lessons, done or not; no due dates, no scores.
  const attempts = attemptFacts(db, learnerId);
  const items: CatalogueItem[] = [];
  for (const course of bundle.courses.filter((c) => c.audience === 'pupil' && c.band === l.band)) {
    for (const m of course.modules) {
      const mine = attempts.filter((a) => a.courseId === course.id && a.moduleId === m.id);
      const status = mine.some((a) => a.status === 'completed') ? 'completed' : mine.length > 0 ? 'in-progress' : 'not-started';
      items.push({ courseId: course.id, moduleId: m.id, title: m.title, minutes: m.minutes, kind: m.kind, status, dueDate: null, expiresOn: null, why: course.title, acknowledged: false });
    }
  }
  return { learner, items };
}
