import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { refuseWhileLearnerSignedIn, requireAdmin } from '../../services/admin';
import { renderSetupFile } from '../../services/setup';

type AdminChannel = 'admin.status' | 'admin.unlock' | 'admin.lock' | 'admin.changePassword' | 'admin.setupFile';

export const adminHandlers = (s: Services): Pick<HandlerTable, AdminChannel> => ({
  'admin.status': () => {
    if (s.session.anyone()) s.admin.lock(); // a learner at the keyboard closes the admin area
    return s.admin.status();
  },
  'admin.unlock': ({ password }) => {
    refuseWhileLearnerSignedIn(s);
    return s.admin.unlock(password);
  },
  'admin.lock': () => {
    s.admin.lock();
    return s.admin.status();
  },
  'admin.changePassword': ({ currentPassword, newPassword }) => {
    requireAdmin(s);
    return s.admin.changePassword(currentPassword, newPassword);
  },
  'admin.setupFile': () => {
    requireAdmin(s);
    const settings = s.settings.get();
    const now = s.clock();
    return {
      fileName: 'induction-setup.json',
      text: renderSetupFile({
        trustName: settings.trustName,
        schools: settings.schools,
        policyVersionLabel: settings.policyVersionLabel,
        lms: settings.lms,
        adminPasswordHash: s.admin.passwordHash(),
        writtenAt: now.toISOString(),
        writtenBy: `admin screen, app ${s.appVersion}`,
      }),
    };
  },
});
