import { z } from 'zod';
import { Audience, Band, Slug, text } from './ids';
import { ROLE_IDS } from './formats';
import { HelpRoute } from './screens';

export { ROLE_IDS };
export const RoleId = z.enum(ROLE_IDS);
export type RoleId = z.infer<typeof RoleId>;

export const Role = z.strictObject({
  label: text('role label').describe('The role as staff choose it at sign-in.'),
  modules: z.array(Slug).min(1, { error: 'a role takes at least one module' }).describe('Ids of the modules this role takes.'),
  why: text('why').describe('Why this role takes them, shown in the catalogue.'),
});
export type Role = z.infer<typeof Role>;

export const Roles = z.partialRecord(RoleId, Role);
export type Roles = z.infer<typeof Roles>;

export const SEMVER_RE = /^\d+\.\d+\.\d+$/;

/** course.yaml as authored: modules and bank are names of files, resolved by the compiler. */
export const CourseFile = z
  .strictObject({
    id: Slug.describe('Course id: the name of the course folder.'),
    title: text('title').describe('The course title as learners see it.'),
    audience: Audience.describe('staff: induction and assessment; pupil: age-banded lessons.'),
    band: Band.optional().describe('Pupil courses: the key stage.'),
    contentVersion: z.string().regex(SEMVER_RE, { error: 'contentVersion must look like 1.0.0' }).describe('The course\'s version, like 1.0.0: raise it when the course changes.'),
    modules: z.array(Slug).min(1, { error: 'a course lists at least one module' }).describe('Every module file in modules/, by id, in catalogue order.'),
    bank: Slug.optional().describe('Staff courses: the folder under banks/ the assessments draw from.'),
    roles: Roles.optional().describe('Staff courses: for each role, the modules it takes and why.'),
    acknowledgement: text('acknowledgement').optional().describe('Staff courses: the statement learners acknowledge once they pass.'),
    helpRoutes: z.array(HelpRoute).optional().describe('Pupil courses: who to tell, shown at the end of each lesson.'),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.audience === 'pupil') {
      if (!c.band) issue('audience', 'a pupil course needs band: ks1 | ks2 | ks3 | ks4');
      if (!c.helpRoutes?.length) issue('audience', 'a pupil course needs helpRoutes (shown at the end of each lesson)');
      for (const key of ['bank', 'roles', 'acknowledgement'] as const) if (c[key] !== undefined) issue(key, `${key} is for staff courses only`);
    } else {
      if (c.band) issue('band', 'band is for pupil courses only');
      if (!c.bank) issue('audience', 'a staff course needs bank: <folder under banks/>');
      if (!c.acknowledgement) issue('audience', 'a staff course needs an acknowledgement text');
      if (!c.roles) issue('audience', `a staff course needs roles (${ROLE_IDS.join(', ')})`);
      else for (const r of ROLE_IDS) if (!c.roles[r]) issue('roles', `role "${r}" is missing`);
      if (c.acknowledgement && !c.acknowledgement.includes('{policyVersion}')) issue('acknowledgement', 'the acknowledgement must name the policy version with {policyVersion}');
    }
    const dup = c.modules.find((m, i) => c.modules.indexOf(m) !== i);
    if (dup) issue('modules', `module "${dup}" is listed twice`);
  });
export type CourseFile = z.infer<typeof CourseFile>;
