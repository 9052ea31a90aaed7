import { ServiceError } from '../../contract/result';
import type { Services } from '../index';
import type { HandlerTable } from '../dispatch';

type RecordsChannel =
  | 'learners.signIn'
  | 'learners.startPupilSession'
  | 'learners.signOut'
  | 'attempts.start'
  | 'attempts.commit'
  | 'attempts.finish'
  | 'acknowledgements.record'
  | 'catalogue.forLearner'
  | 'records.health';

const notYet = (): never => {
  throw new ServiceError('internal', 'not yet');
};

export const recordsHandlers = (_s: Services): Pick<HandlerTable, RecordsChannel> => ({
  'learners.signIn': notYet,
  'learners.startPupilSession': notYet,
  'learners.signOut': notYet,
  'attempts.start': notYet,
  'attempts.commit': notYet,
  'attempts.finish': notYet,
  'acknowledgements.record': notYet,
  'catalogue.forLearner': notYet,
  'records.health': notYet,
});
