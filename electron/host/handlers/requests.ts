import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { requireAdmin } from '../../services/admin';
import { ServiceError } from '../../contract/result';

type RequestsChannel = 'requests.create' | 'requests.mine' | 'requests.get' | 'requests.list' | 'requests.rules';

/** A request belongs to its author; the administrator sees them all; the policy's rules are for anyone. */
export const requestsHandlers = (s: Services): Pick<HandlerTable, RequestsChannel> => ({
  'requests.create': ({ learnerId, ...fields }) => {
    s.session.require(learnerId);
    return s.requests.create(learnerId, fields);
  },
  'requests.mine': ({ learnerId }) => {
    s.session.require(learnerId);
    return { requests: s.requests.list(learnerId) };
  },
  'requests.get': ({ requestId, learnerId }) => {
    if (learnerId === undefined) requireAdmin(s);
    else s.session.require(learnerId);
    const { learnerId: author, ...request } = s.requests.get(requestId);
    if (learnerId !== undefined && author !== learnerId) throw new ServiceError('forbidden', 'requestId: this request belongs to another member of staff');
    return request;
  },
  'requests.list': () => {
    requireAdmin(s);
    return { requests: s.requests.list() };
  },
  'requests.rules': () => ({ sections: s.requests.rules() }),
});
