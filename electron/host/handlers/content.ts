import { ServiceError } from '@contract/result';
import type { ContentModuleReply, PolicyReply } from '@contract/channels/content';
import type { SchoolContacts } from '@contract/channels/settings';
import { fillPlaceholders, isScored, lessonsTeaching, picturesFor, scenesUsedBy, screenClauses, withoutKey, type Item } from '@content/schema';
import { attemptDraw } from '@services/records';
import { policyApproval } from '@services/settings';
import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

/** The drawn item ids main stored for an attempt (the contract's access has checked the caller owns it). */
function drawnFor(s: Services, attemptId: string, courseId: string, moduleId: string): string[] {
  const draw = attemptDraw(s.db, attemptId);
  if (!draw) throw new ServiceError('not-found', `attempt ${attemptId} does not exist`);
  if (draw.courseId !== courseId || draw.moduleId !== moduleId) {
    throw new ServiceError('conflict', `attempt ${attemptId} is for ${draw.courseId}/${draw.moduleId}, not ${courseId}/${moduleId}`);
  }
  return draw.drawnItemIds;
}

/**
 * The staff "Who do I tell?" guide is the staff course's dedicated module (its whoToTell screens;
 * every whoToTell screen of the course when there is none), and each pupil band's help routes.
 */
function helpRoutes(s: Services): PolicyReply['help'] {
  const staffCourse = s.bundle.courses.find((c) => c.audience === 'staff');
  const guide = staffCourse?.modules.find((m) => m.id === 'who-to-tell') ?? null;
  const screens = (guide ? [guide] : (staffCourse?.modules ?? [])).flatMap((m) => m.screens);
  const seen = new Set<string>();
  const staff = screens
    .flatMap((sc) => (sc.kind === 'whoToTell' ? sc.routes : []))
    .filter((r) => {
      const key = `${r.situation ?? ''}|${r.contact}`;
      return !seen.has(key) && seen.add(key);
    });
  const bands = s.bundle.courses
    .filter((c) => c.audience === 'pupil' && c.band)
    .map((c) => ({ band: c.band as NonNullable<typeof c.band>, title: c.title, routes: c.helpRoutes ?? [] }));
  return { staff, bands };
}

/** One school's safeguarding people, matched as the sign-in matches schools (case aside). */
const contactsOf = (all: readonly SchoolContacts[], school: string): SchoolContacts | null =>
  all.find((c) => c.school.toLowerCase() === school.trim().toLowerCase()) ?? null;

export const contentHandlers = (s: Services): Pick<HandlerTable, 'content.module' | 'content.policy' | 'content.helpRoutes'> => ({
  'content.module': (req): ContentModuleReply => {
    const course = s.bundle.courses.find((c) => c.id === req.courseId);
    if (!course) throw new ServiceError('not-found', `course "${req.courseId}" is not in the content`);
    const mod = course.modules.find((m) => m.id === req.moduleId);
    if (!mod) throw new ServiceError('not-found', `module "${req.moduleId}" is not in course "${req.courseId}"`);
    let items: Item[] = mod.questions ?? [];
    if (mod.draw) {
      const bank = new Map([...course.bank, ...(mod.questions ?? [])].map((i) => [i.id, i]));
      items = req.attemptId
        ? drawnFor(s, req.attemptId, course.id, mod.id).map((id) => {
            const item = bank.get(id);
            if (!item) throw new ServiceError('conflict', `drawn item "${id}" is no longer in the bank of "${course.id}"`);
            return item;
          })
        : [];
    }
    const settings = s.settings.get();
    const placeholders = { trust: settings.trustName, school: req.school ?? settings.trustName, policyVersion: settings.policyVersionLabel };
    const quoted = new Set(mod.screens.flatMap((sc) => screenClauses(sc)));
    const delivery = {
      course: {
        id: course.id,
        title: course.title,
        audience: course.audience,
        band: course.band ?? null,
        helpRoutes: course.helpRoutes ?? [],
        acknowledgement: course.acknowledgement ?? null,
      },
      sections: s.bundle.sections,
      clauses: s.bundle.clauses.filter((c) => quoted.has(c.id)),
      policyVersionLabel: settings.policyVersionLabel,
      // Sent with the lesson, not with the first screen: scenes are the heaviest part of a lesson.
      pictures: picturesFor(s.bundle.pictures, scenesUsedBy(mod, items)),
      lessons: lessonsTeaching(course, s.bundle.clauses),
    };
    // Names and numbers go in after the placeholders are filled: they are the school's words, not the content's.
    const contacts = course.audience === 'staff' && req.school ? contactsOf(settings.safeguardingContacts, req.school) : null;
    if (isScored(mod) && mod.draw && mod.kind !== 'lesson') {
      // The key stays in main: each answer's feedback comes back with the commit that recorded it.
      const { questions: _questions, ...scoredModule } = mod;
      const scored = fillPlaceholders({ ...delivery, scored: true as const, module: { ...scoredModule, kind: mod.kind, draw: mod.draw }, items: items.map(withoutKey) }, placeholders);
      return { ...scored, contacts };
    }
    return { ...fillPlaceholders({ ...delivery, scored: false as const, module: mod, items }, placeholders), contacts };
  },
  'content.policy': (): PolicyReply => {
    const settings = s.settings.get();
    const p = s.bundle.policy;
    return {
      title: p.title,
      owner: p.owner,
      edition: p.edition,
      versionLabel: settings.policyVersionLabel,
      approved: policyApproval(p, settings).text,
      nextReview: p.nextReview,
      sections: s.bundle.sections.map((sec) => ({ id: sec.id, title: sec.title, clauses: s.bundle.clauses.filter((c) => c.section === sec.id) })),
      help: fillPlaceholders(helpRoutes(s), { trust: settings.trustName, school: settings.trustName, policyVersion: settings.policyVersionLabel }),
      contacts: settings.safeguardingContacts,
    };
  },
  'content.helpRoutes': ({ band }) => {
    const settings = s.settings.get();
    const found = helpRoutes(s).bands.find((b) => b.band === band);
    if (!found) throw new ServiceError('not-found', `band "${band}" has no pupil course in the content`);
    return fillPlaceholders(found, { trust: settings.trustName, school: settings.trustName, policyVersion: settings.policyVersionLabel });
  },
});
