import { Settings, SettingsPatch } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { readAdminRow } from '../admin';
import type { RecordsStore } from '../records';
import { readSettings } from '../settings';
import type { SetupFile } from './file';

export type SetupInput = Omit<SetupFile, 'kind' | 'formatVersion' | 'writtenAt' | 'writtenBy'>;

/** The records store's batch write: the set-up is journalled like every record. */
export type SetupWriter = Pick<RecordsStore, 'writeBatch'>;

/**
 * Sets up this PC: the Trust's settings and the administrator row, two journal entries in one
 * transaction with one fsync, so a PC rebuilt from its journal comes back set up, and a crash
 * leaves it either set up or not at all. The check that it is not set up yet runs inside the
 * same transaction, so two set-ups at once cannot both pass it.
 */
export function applySetup(store: SetupWriter, input: SetupInput, now: Date, by: string): void {
  const values = SettingsPatch.parse({
    trustName: input.trustName,
    schools: input.schools,
    policyVersionLabel: input.policyVersionLabel,
    ...(input.lms ? { lms: input.lms } : {}),
    ...(input.lrs ? { lrs: input.lrs } : {}),
    ...(input.safeguardingContacts ? { safeguardingContacts: input.safeguardingContacts } : {}),
  });
  store.writeBatch((db, write) => {
    if (readAdminRow(db)) throw new ServiceError('conflict', 'This computer is already set up; change settings in the admin area.');
    Settings.parse({ ...readSettings(db), ...values });
    const at = now.toISOString();
    write({ k: 'settings.set', at, values });
    write({ k: 'admin.create', at, by, passwordHash: input.adminPasswordHash });
  });
}
