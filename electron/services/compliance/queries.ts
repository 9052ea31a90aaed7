import type { ReadableDb } from '../storage';
import type { Bundle } from '@content/schema';
import { complianceFor } from './status';
import { staffFacts } from '../records';
import type { ComplianceSettings, LearnerCompliance } from './types';

export interface StaffCompliance {
  learnerId: string;
  compliance: LearnerCompliance;
}

/** Every member of staff's compliance on `now`: what the dashboard and the exports read. */
export function staffCompliance(db: ReadableDb, bundle: Bundle, settings: ComplianceSettings, now: Date): StaffCompliance[] {
  return staffFacts(db).map((f) => ({
    learnerId: f.learnerId,
    compliance: complianceFor(f.learner, f.attempts, f.acknowledgements, bundle, settings, now),
  }));
}
