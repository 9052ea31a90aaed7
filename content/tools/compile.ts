import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import {
  BankFile,
  CourseFile,
  ClauseRegistry,
  Item as ItemSchema,
  Module,
  Screen,
  deriveAnswerKey,
  interactionId,
  type AnswerKey,
  type Bundle,
  type BundleCourse,
  type Clause,
  type Item,
} from '../schema/index';
import type { Diagnostic } from './diagnostics';
import { sortDiagnostics } from './diagnostics';
import { contentRoot } from './paths';
import { YamlSource, type Path } from './source';
import { checkWording } from './wording';

export interface CompiledModule {
  module: Module;
  source: YamlSource;
  /** Set when the module had errors: where each kept screen sits in the file. */
  screenIndex?: number[];
}

export interface CompiledItem {
  item: Item;
  source: YamlSource;
  /** Path of the item inside its file. */
  path: Path;
  courseId: string;
  /** Set for lesson check questions; unset for bank items. */
  moduleId?: string;
}

export interface CompiledCourse {
  course: BundleCourse;
  source: YamlSource;
  modules: CompiledModule[];
  /** Bank items and lesson questions, each with where it was written. */
  items: CompiledItem[];
}

export interface Compiled {
  root: string;
  bundle: Bundle | null;
  errors: Diagnostic[];
  registry: ClauseRegistry | null;
  registrySource: YamlSource;
  courses: CompiledCourse[];
}

const PLACEHOLDERS = new Set(['trust', 'school', 'policyVersion']);

/** Read, validate and cross-check everything under `root` (content/ by default). Never throws on bad content. */
export function compileContent(root: string = contentRoot()): Compiled {
  const errors: Diagnostic[] = [];
  const files = new Map<string, string>();
  const load = (file: string): YamlSource => {
    const src = new YamlSource(file);
    files.set(file, src.text);
    errors.push(...src.errors);
    return src;
  };

  const registrySource = load(join(root, 'policy', 'clauses.yaml'));
  const registry = parseWith(ClauseRegistry, registrySource, [], errors);
  const clauses = new Map<string, Clause>((registry?.clauses ?? []).map((c) => [c.id, c]));
  if (registry) {
    const policyFile = join(root, 'policy', registry.policy.source);
    if (!existsSync(policyFile)) errors.push(registrySource.diagnostic('file', ['policy', 'source'], `policy text ${registry.policy.source} not found next to clauses.yaml`));
    else {
      const policyText = readFileSync(policyFile, 'utf8');
      files.set(policyFile, policyText); // the policy's wording is part of what a version means
      errors.push(...checkWording(registry, registrySource, policyText));
    }
  }

  const courses: CompiledCourse[] = [];
  const coursesDir = join(root, 'courses');
  const courseDirs = existsSync(coursesDir) ? readdirSync(coursesDir).filter((d) => statSync(join(coursesDir, d)).isDirectory()).sort() : [];
  const itemOwners = new Map<string, CompiledItem>();
  for (const dir of courseDirs) {
    const compiled = compileCourse(join(coursesDir, dir), dir, load, errors, clauses);
    if (!compiled) continue;
    for (const ci of compiled.items) {
      const first = itemOwners.get(ci.item.id);
      if (first) {
        const at = first.source.locate([...first.path, 'id']);
        errors.push(ci.source.diagnostic('duplicate', [...ci.path, 'id'], `item id "${ci.item.id}" is already used at ${relative(root, first.source.file)}:${at.line}:${at.col}; item ids are unique across all courses`));
      } else {
        itemOwners.set(ci.item.id, ci);
      }
    }
    courses.push(compiled);
  }

  let bundle: Bundle | null = null;
  if (registry) {
    const answerKey: AnswerKey = {};
    for (const ci of itemOwners.values()) answerKey[ci.item.id] = deriveAnswerKey(ci.item, ci.courseId);
    bundle = {
      contentVersion: digest(root, files),
      builtFrom: { files: files.size },
      policy: registry.policy,
      sections: registry.sections,
      clauses: registry.clauses,
      courses: courses.map((c) => c.course),
      answerKey,
    };
  }
  return { root, bundle, errors: sortDiagnostics(errors), registry, registrySource, courses };
}

function compileCourse(
  dir: string,
  dirName: string,
  load: (file: string) => YamlSource,
  errors: Diagnostic[],
  clauses: Map<string, Clause>,
): CompiledCourse | null {
  const courseFile = join(dir, 'course.yaml');
  if (!existsSync(courseFile)) {
    errors.push({ kind: 'file', file: courseFile, line: 1, col: 1, message: `course folder "${dirName}" has no course.yaml` });
    return null;
  }
  const source = load(courseFile);
  checkPlaceholders(source, errors);
  const course = parseWith(CourseFile, source, [], errors);
  if (!course) return null;
  if (course.id !== dirName) errors.push(source.diagnostic('file', ['id'], `course id "${course.id}" must match its folder name "${dirName}"`));

  const modules: CompiledModule[] = [];
  const items: CompiledItem[] = [];
  const modulesDir = join(dir, 'modules');
  course.modules.forEach((id, i) => {
    const file = join(modulesDir, `${id}.yaml`);
    if (!existsSync(file)) {
      errors.push(source.diagnostic('file', ['modules', i], `module file modules/${id}.yaml not found`));
      return;
    }
    const msrc = load(file);
    checkPlaceholders(msrc, errors);
    const parsed = parseWith(Module, msrc, [], errors);
    const salvaged = parsed ? null : salvageModule(msrc.data);
    const module = parsed ?? salvaged?.module;
    if (!module) return;
    if (module.id !== id) errors.push(msrc.diagnostic('file', ['id'], `module id "${module.id}" must match its file name "${id}"`));
    modules.push({ module, source: msrc, ...(salvaged ? { screenIndex: salvaged.screenIndex } : {}) });
    (module.questions ?? []).forEach((item, qi) =>
      items.push({ item, source: msrc, path: ['questions', salvaged?.questionIndex[qi] ?? qi], courseId: course.id, moduleId: module.id }),
    );
  });
  if (existsSync(modulesDir)) {
    for (const f of readdirSync(modulesDir).sort()) {
      if (f.endsWith('.yaml') && !course.modules.includes(f.slice(0, -5))) {
        errors.push({ kind: 'file', file: join(modulesDir, f), line: 1, col: 1, message: `module file ${f} is not listed in course.yaml modules` });
      }
    }
  }

  const bank: Item[] = [];
  if (course.bank) {
    const bankDir = join(dir, 'banks', course.bank);
    const bankFiles = existsSync(bankDir) ? readdirSync(bankDir).filter((f) => f.endsWith('.yaml')).sort() : [];
    if (bankFiles.length === 0) errors.push(source.diagnostic('file', ['bank'], `bank folder banks/${course.bank}/ has no .yaml item files`));
    for (const f of bankFiles) {
      const bsrc = load(join(bankDir, f));
      checkPlaceholders(bsrc, errors);
      const list = parseWith(BankFile, bsrc, [], errors);
      const kept = list ? list.map((item, i) => ({ item, i })) : salvageItems(bsrc.data);
      for (const { item, i } of kept) {
        bank.push(item);
        items.push({ item, source: bsrc, path: [i], courseId: course.id });
      }
    }
  }

  const bundleCourse: BundleCourse = {
    id: course.id,
    title: course.title,
    audience: course.audience,
    ...(course.band ? { band: course.band } : {}),
    contentVersion: course.contentVersion,
    modules: modules.map((m) => m.module),
    bank,
    ...(course.roles ? { roles: course.roles } : {}),
    ...(course.acknowledgement ? { acknowledgement: course.acknowledgement } : {}),
    ...(course.helpRoutes ? { helpRoutes: course.helpRoutes } : {}),
  };
  const compiled: CompiledCourse = { course: bundleCourse, source, modules, items };
  crossCheck(compiled, course, clauses, errors);
  return compiled;
}

/**
 * After a module's errors are reported, keep its valid screens and questions (with their places in
 * the file) so one bad question does not also show up as coverage gaps for the rest of the file.
 */
function salvageModule(data: unknown): { module: Module; screenIndex: number[]; questionIndex: number[] } | null {
  if (!data || typeof data !== 'object') return null;
  const raw = data as Record<string, unknown>;
  const screens = Array.isArray(raw.screens)
    ? raw.screens.flatMap((d, i) => {
        const r = Screen.safeParse(d);
        return r.success ? [{ screen: r.data, i }] : [];
      })
    : [];
  const questions = salvageItems(raw.questions);
  const shell = Module.safeParse({ ...raw, screens: screens.map((x) => x.screen), ...(raw.questions ? { questions: questions.map((q) => q.item) } : {}) });
  if (!shell.success) return null;
  return { module: shell.data, screenIndex: screens.map((x) => x.i), questionIndex: questions.map((q) => q.i) };
}

function salvageItems(data: unknown): { item: Item; i: number }[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((d, i) => {
    const r = ItemSchema.safeParse(d);
    return r.success ? [{ item: r.data, i }] : [];
  });
}

/** Checks that need more than one file: clause ids, roles, ids across modules, audience rules. */
function crossCheck(c: CompiledCourse, course: CourseFile, clauses: Map<string, Clause>, errors: Diagnostic[]): void {
  const clauseRef = (src: YamlSource, path: Path, id: string) => {
    if (!clauses.has(id)) errors.push(src.diagnostic('clause', path, `unknown clause id "${id}"${suggest(id, clauses)}`));
  };
  Object.entries(course.roles ?? {}).forEach(([role, spec]) => {
    spec?.modules.forEach((m, i) => {
      if (!course.modules.includes(m)) errors.push(c.source.diagnostic('reference', ['roles', role, 'modules', i], `role "${role}" takes module "${m}", which is not in this course's modules`));
    });
  });

  const screenIds = new Map<string, string>();
  for (const { module, source, screenIndex } of c.modules) {
    module.screens.forEach((screen, kept) => {
      const si = screenIndex?.[kept] ?? kept;
      (screen.clauses ?? []).forEach((id, j) => clauseRef(source, ['screens', si, 'clauses', j], id));
      if (screen.kind === 'policyExcerpt') screen.quote.forEach((id, j) => clauseRef(source, ['screens', si, 'quote', j], id));
      const other = screenIds.get(screen.id);
      if (other) errors.push(source.diagnostic('duplicate', ['screens', si, 'id'], `screen id "${screen.id}" is also used in module "${other}"`));
      screenIds.set(screen.id, module.id);
    });
    if (course.band === 'ks2' && module.kind === 'lesson' && !module.yearTag) {
      errors.push(source.diagnostic('audience', ['kind'], 'a ks2 lesson needs yearTag: y3-4 | y5-6 (it picks the readability formula)'));
    }
    if (course.band !== 'ks2' && module.yearTag) errors.push(source.diagnostic('audience', ['yearTag'], 'yearTag is for ks2 lessons only'));
    if (course.audience === 'pupil' && module.kind !== 'lesson') errors.push(source.diagnostic('audience', ['kind'], 'pupil courses have lessons only (no pass/fail)'));
  }

  for (const ci of c.items) {
    const { item, source, path } = ci;
    item.clauses.forEach((id, j) => clauseRef(source, [...path, 'clauses', j], id));
    if (item.section && item.clauses.every((id) => clauses.has(id)) && !item.clauses.some((id) => clauses.get(id)?.section === item.section)) {
      errors.push(source.diagnostic('reference', [...path, 'section'], `section "${item.section}" is not the section of any clause this item cites`));
    }
    if (course.audience === 'staff' && ci.moduleId === undefined && !item.section) {
      errors.push(source.diagnostic('schema', [...path, 'id'], `staff bank item "${item.id}" needs section: (the draw represents every section)`));
    }
    if (course.audience === 'pupil') pupilItemRules(ci, errors);
    try {
      interactionId(item);
    } catch (e) {
      errors.push(source.diagnostic('schema', [...path, 'id'], (e as Error).message));
    }
  }
}

/** Pupils get a kind hint on a wrong answer, and each wrong choice names its misconception. */
function pupilItemRules({ item, source, path }: CompiledItem, errors: Diagnostic[]): void {
  if (!item.hint) errors.push(source.diagnostic('audience', [...path, 'id'], `pupil item "${item.id}" needs a hint (shown kindly on a wrong answer)`));
  if (item.kind === 'single') {
    item.options.forEach((o, i) => {
      if (o.correct !== true && !o.misconception) errors.push(source.diagnostic('audience', [...path, 'options', i], `wrong option "${o.id}" of pupil item "${item.id}" needs a misconception`));
    });
  } else if (item.kind === 'trueFalse' && !item.misconception) {
    errors.push(source.diagnostic('audience', [...path, 'id'], `pupil item "${item.id}" needs a misconception (for the wrong answer)`));
  }
}

/** Only {trust}, {school} and {policyVersion} are filled by the app; anything else would show raw. */
function checkPlaceholders(src: YamlSource, errors: Diagnostic[]): void {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/\{([^{}]*)\}/g)) {
        if (!PLACEHOLDERS.has(m[1] ?? '')) errors.push(src.diagnostic('schema', path, `unknown placeholder "{${m[1] ?? ''}}"; use {trust}, {school} or {policyVersion}`));
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(src.data, []);
}

/** Validate `src` (or a part of it) with a zod schema; issues become located diagnostics. */
export function parseWith<T extends z.ZodType>(schema: T, src: YamlSource, base: Path, errors: Diagnostic[]): z.infer<T> | null {
  if (src.data === undefined) return null; // YAML syntax errors were already reported
  const result = schema.safeParse(src.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push(src.diagnostic('schema', [...path, key], `${pathText([...path, key])}: unknown key "${key}"`, true));
      continue;
    }
    errors.push(src.diagnostic('schema', path, path.length ? `${pathText(path)}: ${issue.message}` : issue.message));
  }
  return null;
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}

function suggest(id: string, clauses: Map<string, Clause>): string {
  let best = '';
  let bestDistance = Infinity;
  for (const known of clauses.keys()) {
    const d = distance(id, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return bestDistance <= Math.max(3, id.length / 3) ? `; did you mean "${best}"?` : '';
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Same files, same text: same version, wherever the checkout lives. */
function digest(root: string, files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${relative(root, name)}\0${files.get(name) ?? ''}\0`);
  return `sha256-${hash.digest('hex').slice(0, 16)}`;
}
