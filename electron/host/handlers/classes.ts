import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { ClassLessons, classesTaughtBy, ownCounts } from '@services/classes';

type ClassesChannel = 'classes.lessons' | 'classes.start' | 'classes.answer' | 'classes.finish' | 'classes.counts';

/** Class mode: every channel is for the signed-in member of staff alone (contract access 'staff'); a class lesson is bound to its teacher. */
export const classesHandlers = (s: Services): Pick<HandlerTable, ClassesChannel> => {
  const classes = new ClassLessons({ store: s.records.store, bundle: s.bundle, clock: s.clock });
  return {
    'classes.lessons': () => ({ bands: classes.lessons() }),
    // The teacher is the member of staff the access check admitted (dispatch.ts CallerOf).
    'classes.start': (req, { staff }) => classes.start(staff.learnerId, req),
    'classes.answer': (req, { staff }) => ({ recorded: classes.answer(staff.learnerId, req) }),
    'classes.finish': ({ classSessionId }, { staff }) => classes.finish(staff.learnerId, classSessionId),
    // The teacher view's figures, kept to this teacher's own classes: no administrator password.
    'classes.counts': ({ academicYear, page }, { staff }) =>
      ownCounts(s.dashboard.classCounts(academicYear ? { academicYear } : {}), classesTaughtBy(s.records.store.reader, staff.learnerId), page ?? 0),
  };
};
