import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { renderSetupFile } from '@services/setup';

type AdminChannel = 'admin.status' | 'admin.unlock' | 'admin.lock' | 'admin.changePassword' | 'admin.setupFile';

export const adminHandlers = (s: Services): Pick<HandlerTable, AdminChannel> => ({
  'admin.status': () => s.admin.status(),
  'admin.unlock': ({ password }) => s.admin.unlock(password),
  'admin.lock': () => {
    s.admin.lock();
    return s.admin.status();
  },
  'admin.changePassword': ({ currentPassword, newPassword }) => s.admin.changePassword(currentPassword, newPassword),
  'admin.setupFile': () => {
    const settings = s.settings.get();
    const now = s.clock();
    return {
      fileName: 'induction-setup.json',
      text: renderSetupFile({
        trustName: settings.trustName,
        schools: settings.schools,
        policyVersionLabel: settings.policyVersionLabel,
        lms: settings.lms,
        // The LRS address and the key file's path, never a secret: the key and secret this PC keeps
        // sealed can be opened by this Windows user on this PC only (docs/it-many-pcs.md).
        ...(settings.lrs.endpoint !== null || settings.lrs.keyFile !== null ? { lrs: settings.lrs } : {}),
        safeguardingContacts: settings.safeguardingContacts,
        adminPasswordHash: s.admin.passwordHash(),
        writtenAt: now.toISOString(),
        writtenBy: `admin screen, app ${s.appVersion}`,
      }),
    };
  },
});
