import type { BundleCourse, Clause, HelpRoute, Item, LessonTeaching, Module, PlayerItem, ScoredModule, Section, UnkeyedItem } from '@content/schema';
import type { ScormVersion } from '@content/scorm';

/** A module as the player holds it: a scored one's questions may come without their key (the app). */
export type PlayerModule<I extends PlayerItem = PlayerItem> = Omit<Module, 'questions'> & { questions?: I[] };
/** A course as the player holds it: the bundle's own (an LMS package, keyed) or built from content.module. */
export interface PlayerCourse<I extends PlayerItem = PlayerItem> extends Omit<BundleCourse, 'modules' | 'bank'> {
  modules: PlayerModule<I>[];
  bank: I[];
}

export interface ContactPerson {
  name: string;
  phone: string;
}
/** A school's safeguarding people as the administrator set them (contract: SchoolContacts). */
export interface SchoolContacts {
  school: string;
  dsl: ContactPerson;
  deputies: ContactPerson[];
  outOfHours: { how: string; phone: string | null } | null;
  lado: ContactPerson | null;
}

/**
 * What the player needs besides the machine: the course around the module, the section titles
 * (results name sections to review), the quoted clauses, the help routes and the policy version.
 * Built from content.module in the app, and from content.js (window.__LEAP_COURSE__) in an LMS.
 */
export interface PlayerContent<I extends PlayerItem = PlayerItem> {
  course: PlayerCourse<I>;
  sections: Section[];
  clauses: Clause[];
  policyVersionLabel: string;
  /** Scene SVG by scene id, for the pictures the lesson shows. */
  pictures: Record<string, string>;
  /** The course's lessons and the sections each teaches (the app only; absent in an LMS package). */
  lessons?: LessonTeaching[];
  /** The learner's school's safeguarding people (the app only, when set): who-to-tell screens name them. */
  contacts?: SchoolContacts | null;
}

interface DeliveryCommon {
  course: { id: string; title: string; audience: 'staff' | 'pupil'; band: BundleCourse['band'] | null; helpRoutes: HelpRoute[]; acknowledgement: string | null };
  sections: Section[];
  clauses: Clause[];
  policyVersionLabel: string;
  pictures: Record<string, string>;
  lessons: LessonTeaching[];
  contacts?: SchoolContacts | null | undefined;
}
/** content.module's reply: a lesson keyed, a scored module's drawn items without their key. */
export type ModuleDelivery = (DeliveryCommon & { scored: false; module: Module; items: Item[] }) | (DeliveryCommon & { scored: true; module: ScoredModule; items: UnkeyedItem[] });

/** content.module's reply → the player's content. A drawn module's bank is exactly its drawn items. */
export function fromModuleDelivery(d: Extract<ModuleDelivery, { scored: false }>): PlayerContent<Item>;
export function fromModuleDelivery(d: ModuleDelivery): PlayerContent;
export function fromModuleDelivery(d: ModuleDelivery): PlayerContent {
  return {
    course: {
      id: d.course.id,
      title: d.course.title,
      audience: d.course.audience,
      ...(d.course.band ? { band: d.course.band } : {}),
      contentVersion: '0.0.0',
      modules: [d.module],
      bank: d.module.draw ? [...d.items] : [],
      ...(d.course.acknowledgement ? { acknowledgement: d.course.acknowledgement } : {}),
      helpRoutes: d.course.helpRoutes,
    },
    sections: d.sections,
    clauses: d.clauses,
    policyVersionLabel: d.policyVersionLabel,
    pictures: d.pictures,
    lessons: d.lessons,
    contacts: d.contacts ?? null,
  };
}

/** The exporter's content.js payload (docs/interfaces.md "Player package"). */
export const PAYLOAD_GLOBAL = '__LEAP_COURSE__';
export interface CoursePayload {
  format: 'leap-course/1';
  scormVersion: ScormVersion;
  trustName: string;
  policyVersionLabel: string;
  sections: Section[];
  clauses: Clause[];
  course: BundleCourse;
  modules: string[];
  /** Scene SVG by scene id (absent in packages built before pictures). */
  pictures?: Record<string, string>;
}

/** Checks the payload's shape enough to fail with a plain message rather than deep in a view. */
export function readPayload(value: unknown): CoursePayload {
  const p = value as Partial<CoursePayload> | undefined;
  if (!p || typeof p !== 'object') throw new Error(`content.js did not define window.${PAYLOAD_GLOBAL}: the package is incomplete`);
  if (p.format !== 'leap-course/1') throw new Error(`content.js has format ${JSON.stringify(p.format)}; this player reads "leap-course/1"`);
  if (!p.course || !Array.isArray(p.course.modules) || !Array.isArray(p.course.bank)) throw new Error('content.js has no course with modules and a bank');
  if (!Array.isArray(p.modules) || p.modules.length === 0) throw new Error('content.js names no modules to play');
  return p as CoursePayload;
}

export function fromPayload(p: CoursePayload): PlayerContent<Item> {
  return { course: p.course, sections: p.sections ?? [], clauses: p.clauses ?? [], policyVersionLabel: p.policyVersionLabel, pictures: p.pictures ?? {} };
}
