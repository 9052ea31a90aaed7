import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

/** The admin area's LRS settings and status panel (admin only; the key and secret never come back). */
export const lrsHandlers = (s: Services): Pick<HandlerTable, 'lrs.status' | 'lrs.configure' | 'lrs.sendNow' | 'lrs.retrySetAside'> => ({
  'lrs.status': () => s.lrs.status(),
  'lrs.configure': (req) => {
    const status = s.lrs.configure(req);
    // What changed, for the audit log: never the key or the secret, only whether they were given.
    s.records.store.audit('admin', 'lrs.configure', { on: status.on, endpoint: status.endpoint, newKey: req.key !== undefined });
    return status;
  },
  'lrs.sendNow': async () => {
    const report = await s.lrs.sync(true);
    return { report, status: s.lrs.status() };
  },
  'lrs.retrySetAside': () => {
    const retried = s.lrs.retrySetAside();
    if (retried) s.records.store.audit('admin', 'lrs.retrySetAside', { attempts: retried });
    return { retried, status: s.lrs.status() };
  },
});
