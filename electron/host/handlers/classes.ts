import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { ClassLessons, classesTaughtBy, ownCounts } from '@services/classes';

type ClassesChannel = 'classes.lessons' | 'classes.start' | 'classes.answer' | 'classes.finish' | 'classes.counts';

/** Class mode: every channel is for the signed-in member of staff alone (contract access 'staff'); a class lesson is bound to its teacher. */
export const classesHandlers = (s: Services): Pick<HandlerTable, ClassesChannel> => {
  const classes = new ClassLessons({ store: s.records.store, bundle: s.bundle, clock: s.clock });
  return {
    'classes.lessons': () => ({ bands: classes.lessons() }),
    'classes.start': (req) => classes.start(s.session.requireStaff().learnerId, req),
    'classes.answer': (req) => ({ recorded: classes.answer(s.session.requireStaff().learnerId, req) }),
    'classes.finish': ({ classSessionId }) => classes.finish(s.session.requireStaff().learnerId, classSessionId),
    // The teacher view's figures, kept to this teacher's own classes: no administrator password.
    'classes.counts': ({ academicYear, page }) => {
      const me = s.session.requireStaff().learnerId;
      return ownCounts(s.dashboard.classCounts(academicYear ? { academicYear } : {}), classesTaughtBy(s.records.store.reader, me), page ?? 0);
    },
  };
};
