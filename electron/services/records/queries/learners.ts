import { prepared, type ReadableDb } from '@services/storage';
import type { PupilSessionRequest, SignInRequest } from '@contract/channels/records';

/** One learners row (migration v3), as the store and the readers of a learner see it. */
export interface LearnerRow {
  id: string;
  kind: 'staff' | 'pupil';
  name: string | null;
  work_email: string | null;
  staff_id: string | null;
  school: string | null;
  role: SignInRequest['role'] | null;
  pin_hash: string | null;
  pin_failures: number;
  pin_locked_until: string | null;
  first_name: string | null;
  initial: string | null;
  class_name: string | null;
  band: PupilSessionRequest['band'] | null;
  first_sign_in_at: string;
  last_seen_at: string;
}


export const displayName = (l: LearnerRow): string => (l.kind === 'staff' ? (l.name ?? '') : `${l.first_name ?? ''} ${l.initial ?? ''}`.trim());

export function learnerById(db: ReadableDb, learnerId: string): LearnerRow | null {
  return (prepared(db, 'SELECT * FROM learners WHERE id = ?').get(learnerId) as LearnerRow | undefined) ?? null;
}
