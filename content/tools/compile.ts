import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  BankFile,
  CourseFile,
  ClauseRegistry,
  Module,
  deriveAnswerKey,
  type AnswerKey,
  type Bundle,
  type BundleCourse,
  type Clause,
  type Item,
} from '../schema/index';
import { checkPlaceholders, crossCheck } from './cross-check';
import type { Diagnostic } from './diagnostics';
import { sortDiagnostics } from './diagnostics';
import { checkPlatformAges, fillAgeLimits, loadAgeLimits, type CompiledAgeLimits } from './age-limits';
import { fillBandRoutes } from './help-routes';
import { checkPictureRefs, compileScenes } from './pictures';
import { contentRoot } from './paths';
import { parseWith, salvageItems, salvageModule } from './parse';
import { YamlSource } from './source';
import type { Compiled, CompiledCourse, CompiledItem, CompiledModule } from './compiled';
import { checkWording } from './wording';

export type { Compiled, CompiledCourse, CompiledItem, CompiledModule } from './compiled';

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
  const removed = new Map((registry?.removed ?? []).map((r) => [r.id, r.edition]));
  if (registry) {
    const policyFile = join(root, 'policy', registry.policy.source);
    if (!existsSync(policyFile)) errors.push(registrySource.diagnostic('file', ['policy', 'source'], `policy text ${registry.policy.source} not found next to clauses.yaml`));
    else {
      const policyText = readFileSync(policyFile, 'utf8');
      files.set(policyFile, policyText); // the policy's wording is part of what a version means
      errors.push(...checkWording(registry, registrySource, policyText));
    }
  }

  const scenes = compileScenes(root, load, errors);
  const ageLimits = loadAgeLimits(root, load, errors);
  if (scenes.iconSetVersion) files.set(join(root, '.icon-set-version'), scenes.iconSetVersion); // same icons, same version
  const courses: CompiledCourse[] = [];
  const coursesDir = join(root, 'courses');
  const courseDirs = existsSync(coursesDir) ? readdirSync(coursesDir).filter((d) => statSync(join(coursesDir, d)).isDirectory()).sort() : [];
  const itemOwners = new Map<string, CompiledItem>();
  for (const dir of courseDirs) {
    const compiled = compileCourse(join(coursesDir, dir), dir, load, errors, clauses, removed, ageLimits);
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

  const usedScenes = checkPictureRefs(courses, scenes, errors);
  checkPlatformAges(courses, ageLimits, errors);
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
      ...(usedScenes.length ? { pictures: Object.fromEntries(usedScenes.map((id) => [id, scenes.svg.get(id) ?? ''])) } : {}),
    };
  }
  return { root, bundle, errors: sortDiagnostics(errors), registry, registrySource, courses, scenes, ageLimits: ageLimits.limits };
}

function compileCourse(
  dir: string,
  dirName: string,
  load: (file: string) => YamlSource,
  errors: Diagnostic[],
  clauses: Map<string, Clause>,
  removed: ReadonlyMap<string, string>,
  ageLimits: CompiledAgeLimits,
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
    if (course.audience === 'pupil') fillBandRoutes(msrc.data, course.helpRoutes);
    fillAgeLimits(msrc.data, ageLimits, msrc, errors);
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
  crossCheck(compiled, course, clauses, errors, removed);
  return compiled;
}

/** Same files, same text: same version, wherever the checkout lives. */
function digest(root: string, files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${relative(root, name)}\0${files.get(name) ?? ''}\0`);
  return `sha256-${hash.digest('hex').slice(0, 16)}`;
}
