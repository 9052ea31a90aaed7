import type { DatabaseSync } from 'node:sqlite';
import { ServiceError } from '@contract/result';
import { AdminStore } from '../admin';
import { SettingsService } from '../settings';
import type { SetupFile } from './file';

export type SetupInput = Omit<SetupFile, 'kind' | 'formatVersion' | 'writtenAt' | 'writtenBy'>;

/**
 * Sets up this PC's records database: the Trust's settings first, then the administrator row.
 * The admin row is what marks the PC as set up, so a crash between the two leaves it "not set up"
 * and the set-up can simply run again.
 */
export function applySetup(db: DatabaseSync, input: SetupInput, now: Date, by: string): void {
  const admin = new AdminStore(db);
  if (admin.read()) throw new ServiceError('conflict', 'This computer is already set up; change settings in the admin area.');
  new SettingsService(db).set({
    trustName: input.trustName,
    schools: input.schools,
    policyVersionLabel: input.policyVersionLabel,
    ...(input.lms ? { lms: input.lms } : {}),
    ...(input.lrs ? { lrs: input.lrs } : {}),
    ...(input.safeguardingContacts ? { safeguardingContacts: input.safeguardingContacts } : {}),
  });
  admin.create(input.adminPasswordHash, now, by);
}
