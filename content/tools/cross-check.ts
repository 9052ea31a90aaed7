import type { Clause, CourseFile } from '../schema/index';
import { interactionId } from '../schema/index';
import type { CompiledCourse, CompiledItem } from './compiled';
import type { Diagnostic } from './diagnostics';
import type { Path, YamlSource } from './source';

const PLACEHOLDERS = new Set(['trust', 'school', 'policyVersion']);

/** Checks that need more than one file: clause ids, roles, ids across modules, audience rules. */
export function crossCheck(c: CompiledCourse, course: CourseFile, clauses: Map<string, Clause>, errors: Diagnostic[], removed: ReadonlyMap<string, string> = new Map()): void {
  const clauseRef = (src: YamlSource, path: Path, id: string) => {
    if (clauses.has(id)) return;
    const gone = removed.get(id);
    if (gone !== undefined) errors.push(src.diagnostic('clause', path, `clause "${id}" was removed from the policy in edition ${gone}: teach what replaces it, or drop the citation`));
    else errors.push(src.diagnostic('clause', path, `unknown clause id "${id}"${suggest(id, clauses)}`));
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
    if (item.kind === 'single') {
      item.options.forEach((o, i) => {
        if (/\b(all|none|both) of the above\b/i.test(o.text)) errors.push(source.diagnostic('brief', [...path, 'options', i, 'text'], `option "${o.id}" is "of the above": write each option as its own action`));
      });
    }
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
export function checkPlaceholders(src: YamlSource, errors: Diagnostic[]): void {
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

