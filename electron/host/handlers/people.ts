import { ServiceError } from '@contract/result';
import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { displayName } from '@services/records';

type PeopleChannel = 'people.resetPin' | 'people.erase';

const sameName = (a: string, b: string): boolean => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/** The administrator's actions on one person (their page in the admin area). */
export const peopleHandlers = (s: Services): Pick<HandlerTable, PeopleChannel> => ({
  'people.resetPin': ({ learnerId, pin }) => s.records.store.pins.reset(learnerId, pin, 'admin'),
  'people.erase': ({ learnerId, confirmName }) => {
    const learner = s.records.store.learner(learnerId);
    if (!learner) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record (already erased?)`);
    if (!sameName(confirmName, displayName(learner))) {
      throw new ServiceError('invalid-request', 'confirmName: the name typed is not the name of the person on this page; nothing was erased');
    }
    return s.records.erase(learnerId, 'admin');
  },
});
