import path from 'node:path';
import type { RecordsHealth } from '@contract/channels/records';
import type { Services } from '../services';

/**
 * Where the data folder is, and the paths inside it, are for the administrator: a learner (or
 * anyone while the admin area is locked) is told neither by the public channels (`app.info`,
 * `records.health`; `settings.get` holds no path).
 */
export const adminMaySeePaths = (s: Pick<Services, 'admin' | 'session'>): boolean => !s.session.anyone() && s.admin.isUnlocked();

/** The health report without a path: file names only, the folder as "the data folder". */
export function healthWithoutPaths(h: RecordsHealth): RecordsHealth {
  const hide = (text: string): string => text.split(h.dataDir ?? '\0').join('the data folder');
  return {
    ...h,
    dataDir: null,
    events: h.events.map((e) => ({ ...e, message: hide(e.message) })),
    recovery: h.recovery && {
      ...h.recovery,
      quarantinedAs: path.basename(h.recovery.quarantinedAs),
      restoredFrom: h.recovery.restoredFrom && path.basename(h.recovery.restoredFrom),
      mayBeMissing: hide(h.recovery.mayBeMissing),
    },
  };
}
