import { BANDS, screenClauses, type Band, type Module } from '../schema/index';
import {
  LESSON_MAX_MINUTES,
  MINUTES_MARGIN,
  PUPIL_QUESTIONS,
  SENTENCE_CAP,
  STAFF_BANK,
  readabilityRules,
  type Audience,
  type ReadabilityRule,
} from './brief';
import type { Compiled, CompiledCourse } from './compiled';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from './diagnostics';
import { itemStrings, lessonUnits } from './lesson-text';
import { picturesOf } from './pictures';
import { countText, longestSentence, score } from './readability';
import { feedbackRules, reportAtOnce } from './feedback-rules';
import { knowledgeCheckRules, roleFigures, type RoleReport } from './taught';
import { reviewRules } from './review';
import { modalRule } from './modal';
import { staffTiming, type StaffTiming } from './staff-time';
import { TIMING, type ModuleTiming } from './timing';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bands whose every lesson screen carries a picture (the brief). */
const PICTURE_BANDS: ReadonlySet<Band> = new Set(['ks1', 'ks2']);

export interface ReadabilityResult extends ReadabilityRule {
  lesson: string;
  value: number;
  /** Unfamiliar words behind a Spache or Dale–Chall value, to help an author bring it down. */
  unfamiliar?: string[];
}

export interface BandReport {
  lessons: number;
  maxMinutes: number;
  questions: number;
  minQuestionsPerLesson: number;
  maxQuestionsPerLesson: number;
  /** Lesson screens, and how many carry a picture (every KS1/KS2 screen must). */
  screens: number;
  screensWithPicture: number;
  readability: ReadabilityResult[];
}

export interface ContentReport {
  clauses: {
    total: number;
    staff: { total: number; taught: number; assessed: number; notTaught: string[]; notAssessed: string[] };
    pupil: {
      total: number;
      byBand: Record<Band, { taught: number; assessed: number; notTaught: string[]; notAssessed: string[] }>;
    };
  };
  staff: {
    items: number;
    branching: number;
    escalationShare: number;
    fineShare: number;
    sections: number;
    sectionsAssessed: number;
    sectionsNotAssessed: string[];
    lessons: number;
    minutes: number;
    /** Each role's path as the modules' declared `minutes` add up (what learners are told). */
    roleMinutes: Record<string, number>;
    /** Minutes estimated from the content, per module and per role path, beside the declared ones. */
    timing: StaffTiming;
    readability: ReadabilityResult[];
    /**
     * Per role, and `lms` for the exported player (no role): what its lessons teach and what it may
     * be asked (taught before tested).
     */
    roles: Record<string, RoleReport>;
  };
  pupils: Record<Band, BandReport>;
  /** content/facts/age-limits.yaml: when the platform ages were checked, and whether a DSL signed them off. */
  ageLimits: { checked: string; dslSignedOff: boolean; platforms: number } | null;
  errors: string[];
}

export interface CheckOptions {
  /** Pupil bands whose coverage is required (all four by default; fixtures may narrow it). */
  bands?: readonly Band[];
  /** Require staff coverage and the staff bank figures (default true). */
  staff?: boolean;
  /** The brief's bank figures (default STAFF_BANK); fixtures too small for 36 items lower them. */
  staffBank?: Partial<Record<keyof typeof STAFF_BANK, number>>;
  /** Require a picture on every KS1/KS2 lesson screen (default true; small fixtures leave it out). */
  pictures?: boolean;
  /**
   * Hold each staff module's declared minutes to the content estimate, and the core roles' paths to
   * the brief's 30 minutes (default true).
   */
  timing?: boolean;
}

/** Every check beyond the schema, and the report's figures, from one pass over compiled content. */
export function analyse(compiled: Compiled, options: CheckOptions = {}): { report: ContentReport; diagnostics: Diagnostic[] } {
  const bands = options.bands ?? BANDS;
  const wantStaff = options.staff ?? true;
  const diagnostics: Diagnostic[] = [];
  const reg = compiled.registry;
  const regSrc = compiled.registrySource;
  const clauseIndex = new Map((reg?.clauses ?? []).map((c, i) => [c.id, i]));
  const gap = (id: string, message: string) => diagnostics.push(regSrc.diagnostic('coverage', ['clauses', clauseIndex.get(id) ?? 0, 'id'], message));

  const staffCourses = compiled.courses.filter((c) => c.course.audience === 'staff');
  const staffClauses = (reg?.clauses ?? []).filter((c) => c.audiences.includes('staff')).map((c) => c.id);
  const pupilClauses = (reg?.clauses ?? []).filter((c) => c.audiences.includes('pupil')).map((c) => c.id);

  // Staff coverage: taught on a lesson screen, assessed by a bank item (what the assessment draws).
  const staffTaught = new Set(staffCourses.flatMap((c) => c.modules.flatMap((m) => m.module.screens.flatMap(screenClauses))));
  const staffAssessed = new Set(staffCourses.flatMap((c) => c.items.filter((i) => i.moduleId === undefined).flatMap((i) => i.item.clauses)));
  const notTaught = staffClauses.filter((id) => !staffTaught.has(id));
  const notAssessed = staffClauses.filter((id) => !staffAssessed.has(id));
  if (wantStaff) {
    for (const id of notTaught) gap(id, `coverage gap: staff clause "${id}" is not taught on any staff lesson screen`);
    for (const id of notAssessed) gap(id, `coverage gap: staff clause "${id}" is not assessed by any item in the staff bank`);
  }

  // Pupil coverage: every pupil clause taught and checked in every band.
  const byBand = {} as ContentReport['clauses']['pupil']['byBand'];
  for (const band of BANDS) {
    const courses = compiled.courses.filter((c) => c.course.audience === 'pupil' && c.course.band === band);
    const taught = new Set(courses.flatMap((c) => c.modules.flatMap((m) => m.module.screens.flatMap(screenClauses))));
    const checked = new Set(courses.flatMap((c) => c.items.flatMap((i) => i.item.clauses)));
    const t = pupilClauses.filter((id) => !taught.has(id));
    const a = pupilClauses.filter((id) => !checked.has(id));
    byBand[band] = { taught: pupilClauses.length - t.length, assessed: pupilClauses.length - a.length, notTaught: t, notAssessed: a };
    if (!bands.includes(band)) continue;
    const none = courses.length === 0 ? ` (there is no valid pupil course for ${band})` : '';
    for (const id of t) gap(id, `coverage gap: pupil clause "${id}" is not taught in ${band}${none}`);
    for (const id of a) gap(id, `coverage gap: pupil clause "${id}" is not checked by a question in ${band}${none}`);
  }

  const rules = wantStaff ? { ...STAFF_BANK, ...options.staffBank } : null;
  const staff = staffFigures(staffCourses, staffClauses, rules, diagnostics);
  const sectionOrder = (reg?.sections ?? []).map((s) => s.id as string);
  for (const c of staffCourses) Object.assign(staff.roles, roleFigures(c, new Set(staffClauses), sectionOrder, rules, diagnostics));
  const clauseById = new Map((reg?.clauses ?? []).map((c) => [c.id, c]));
  const quoteText = (id: string) => clauseById.get(id)?.text;
  for (const c of staffCourses) {
    const t = staffTiming(c, quoteText, options.timing ?? true, diagnostics);
    Object.assign(staff.timing.modules, t.modules);
    Object.assign(staff.timing.roles, t.roles);
  }
  for (const c of compiled.courses) {
    knowledgeCheckRules(c, diagnostics);
    feedbackRules(c, clauseById, diagnostics);
    reportAtOnce(c, diagnostics);
  }
  const policyFile = reg ? join(compiled.root, 'policy', reg.policy.source) : null;
  modalRule(compiled, policyFile && existsSync(policyFile) ? readFileSync(policyFile, 'utf8') : null, diagnostics);
  const pupils = {} as Record<Band, BandReport>;
  for (const band of BANDS) {
    pupils[band] = bandFigures(compiled.courses.filter((c) => c.course.audience === 'pupil' && c.course.band === band), band, options.pictures ?? true, diagnostics);
  }
  for (const c of compiled.courses) {
    sentenceRules(c, diagnostics);
    altTextRules(c, diagnostics);
  }
  reviewRules(compiled, diagnostics);

  const all = sortDiagnostics([...compiled.errors, ...diagnostics]);
  const report: ContentReport = {
    clauses: {
      total: reg?.clauses.length ?? 0,
      staff: { total: staffClauses.length, taught: staffClauses.length - notTaught.length, assessed: staffClauses.length - notAssessed.length, notTaught, notAssessed },
      pupil: { total: pupilClauses.length, byBand },
    },
    staff,
    pupils,
    ageLimits: compiled.ageLimits ? { checked: compiled.ageLimits.checked, dslSignedOff: compiled.ageLimits.dslSignedOff, platforms: compiled.ageLimits.platforms.length } : null,
    errors: all.map((d) => formatDiagnostic(d)),
  };
  return { report, diagnostics: all };
}

type BankRules = Record<keyof typeof STAFF_BANK, number>;

function staffFigures(courses: CompiledCourse[], staffClauses: string[], rules: BankRules | null, out: Diagnostic[]): ContentReport['staff'] {
  const bank = courses.flatMap((c) => c.items.filter((i) => i.moduleId === undefined));
  const items = bank.length;
  const share = (tag: 'escalate' | 'fine') => (items ? round3(bank.filter((i) => i.item.tags?.includes(tag)).length / items) : 0);
  // The policy sections that hold staff clauses, in registry order.
  const policySections = [...new Set(staffClauses.map(sectionOf))];
  const bankSections = new Set(bank.map((i) => i.item.section ?? sectionOf(i.item.clauses[0] ?? '')));
  const figures = {
    items,
    branching: bank.filter((i) => i.item.kind === 'branching').length,
    escalationShare: share('escalate'),
    fineShare: share('fine'),
    sections: policySections.length,
    sectionsAssessed: policySections.filter((s) => bankSections.has(s)).length,
    sectionsNotAssessed: policySections.filter((s) => !bankSections.has(s)),
    lessons: 0,
    minutes: 0,
    roleMinutes: {} as Record<string, number>,
    timing: { ...TIMING, margin: { ...MINUTES_MARGIN }, modules: {} as Record<string, ModuleTiming>, roles: {} } as StaffTiming,
    readability: [] as ReadabilityResult[],
    roles: {} as Record<string, RoleReport>,
  };
  for (const c of courses) {
    const minutes = new Map(c.modules.map((m) => [m.module.id, m.module.minutes]));
    for (const [role, spec] of Object.entries(c.course.roles ?? {})) {
      figures.roleMinutes[role] = (spec?.modules ?? []).reduce((n, id) => n + (minutes.get(id) ?? 0), 0);
    }
  }
  for (const c of courses) {
    for (const m of c.modules) {
      figures.minutes += m.module.minutes;
      if (m.module.kind !== 'lesson') {
        drawRules(c, m.module, bank.length, policySections.length, out);
        continue;
      }
      figures.lessons++;
      figures.readability.push(...readability(c, m.module, 'staff', out));
    }
  }
  const course = courses[0];
  if (!rules || !course) return figures;
  const at = (message: string) => out.push(course.source.diagnostic('brief', ['bank'], message));
  if (figures.items < rules.minItems) at(`staff bank has ${figures.items} items; the brief needs at least ${rules.minItems}`);
  if (figures.branching < rules.minBranching) at(`staff bank has ${figures.branching} branching scenarios; the brief needs at least ${rules.minBranching}`);
  if (figures.escalationShare < rules.minEscalateShare) at(`escalation share is ${pct(figures.escalationShare)} (tags: [escalate]); the brief needs at least ${pct(rules.minEscalateShare)}`);
  if (figures.fineShare < rules.minFineShare) at(`"this is fine" share is ${pct(figures.fineShare)} (tags: [fine]); the brief needs at least ${pct(rules.minFineShare)}`);
  for (const s of figures.sectionsNotAssessed) at(`no bank item for policy section "${s}"; every section must be represented`);
  return figures;
}

function drawRules(c: CompiledCourse, m: Module, bankSize: number, sections: number, out: Diagnostic[]): void {
  const src = c.modules.find((x) => x.module === m)?.source;
  if (!src || !m.draw) return;
  if (m.draw.count > bankSize) out.push(src.diagnostic('brief', ['draw', 'count'], `draw count ${m.draw.count} is more than the ${bankSize} items in the bank`));
  if (m.draw.everySection && m.draw.count < sections) {
    out.push(src.diagnostic('brief', ['draw', 'count'], `draw count ${m.draw.count} cannot represent all ${sections} sections (everySection: true)`));
  }
}

function bandFigures(courses: CompiledCourse[], band: Band, requirePictures: boolean, out: Diagnostic[]): BandReport {
  const fig: BandReport = { lessons: 0, maxMinutes: 0, questions: 0, minQuestionsPerLesson: 0, maxQuestionsPerLesson: 0, screens: 0, screensWithPicture: 0, readability: [] };
  const perLesson: number[] = [];
  for (const c of courses) {
    for (const { module, source } of c.modules) {
      if (module.kind !== 'lesson') continue;
      fig.lessons++;
      fig.maxMinutes = Math.max(fig.maxMinutes, module.minutes);
      const q = module.questions?.length ?? 0;
      perLesson.push(q);
      fig.questions += q;
      if (module.minutes > LESSON_MAX_MINUTES[band]) {
        out.push(source.diagnostic('brief', ['minutes'], `lesson is ${module.minutes} minutes; ${band} lessons are at most ${LESSON_MAX_MINUTES[band]}`));
      }
      if (q < PUPIL_QUESTIONS.min || q > PUPIL_QUESTIONS.max) {
        out.push(source.diagnostic('brief', [module.questions ? 'questions' : 'kind'], `lesson has ${q} check questions; pupil lessons have ${PUPIL_QUESTIONS.min}-${PUPIL_QUESTIONS.max}`, true));
      }
      fig.readability.push(...readability(c, module, band, out));
      module.screens.forEach((screen, kept) => {
        fig.screens++;
        if (screen.picture) fig.screensWithPicture++;
        else if (requirePictures && PICTURE_BANDS.has(band)) {
          const si = c.modules.find((m) => m.module === module)?.screenIndex?.[kept] ?? kept;
          out.push(source.diagnostic('brief', ['screens', si, 'id'], `${band} screen "${screen.id}" has no picture; every ${band} screen carries one (picture: { scene, alt })`));
        }
      });
    }
  }
  fig.minQuestionsPerLesson = perLesson.length ? Math.min(...perLesson) : 0;
  fig.maxQuestionsPerLesson = perLesson.length ? Math.max(...perLesson) : 0;
  return fig;
}

function readability(c: CompiledCourse, module: Module, audience: Audience, out: Diagnostic[]): ReadabilityResult[] {
  const src = c.modules.find((m) => m.module === module)?.source;
  const counts = countText(lessonUnits(module));
  return readabilityRules(audience, module.yearTag).map((rule) => {
    const value = score(rule.formula, counts);
    const unfamiliar = rule.formula === 'spache' ? counts.spacheWords : rule.formula === 'daleChall' ? counts.daleChallWords : undefined;
    const result: ReadabilityResult = { lesson: module.id, ...rule, value, ...(unfamiliar ? { unfamiliar } : {}) };
    const fails = Number.isNaN(value) || (rule.op === 'max' ? value > rule.cap : value < rule.cap);
    if (fails && src) {
      const words = unfamiliar?.length ? ` (unfamiliar: ${unfamiliar.slice(0, 12).join(', ')}${unfamiliar.length > 12 ? ', ...' : ''})` : '';
      const rel = rule.op === 'max' ? 'over' : 'under';
      out.push(src.diagnostic('readability', ['screens'], `readability: ${rule.formula} ${value} is ${rel} the ${audience}${module.yearTag ? ` ${module.yearTag}` : ''} cap ${rule.cap}${words}`, true));
    }
    return result;
  });
}

/** Alt text is read aloud with the lesson: no sentence longer than the band allows. */
function altTextRules(c: CompiledCourse, out: Diagnostic[]): void {
  const audience: Audience = c.course.band ?? 'staff';
  for (const { picture, source, path } of picturesOf(c)) {
    const longest = longestSentence(picture.alt ?? '');
    if (longest.words > SENTENCE_CAP[audience]) {
      out.push(source.diagnostic('sentence-length', [...path, 'alt'], `alt text sentence of ${longest.words} words is over the ${audience} limit of ${SENTENCE_CAP[audience]}`));
    }
  }
}

/** Stems, options, feedback and hints: no sentence longer than the band allows. */
function sentenceRules(c: CompiledCourse, out: Diagnostic[]): void {
  const audience: Audience = c.course.band ?? 'staff';
  const cap = SENTENCE_CAP[audience];
  for (const { item, source, path } of c.items) {
    for (const s of itemStrings(item)) {
      const longest = longestSentence(s.text);
      if (longest.words > cap) {
        out.push(source.diagnostic('sentence-length', [...path, ...s.path], `sentence of ${longest.words} words is over the ${audience} limit of ${cap}: "${longest.sentence.slice(0, 60)}..."`));
      }
    }
  }
}

const sectionOf = (clauseId: string) => clauseId.slice(0, clauseId.indexOf('.'));
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
