import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgeLimits } from '../schema/index';
import type { CompiledCourse } from './compiled';
import type { Diagnostic } from './diagnostics';
import { itemStrings } from './lesson-text';
import { parseWith } from './parse';
import type { YamlSource } from './source';

export const AGE_LIMITS_FILE = join('facts', 'age-limits.yaml');
const MARK = 'age-limits';

export interface CompiledAgeLimits {
  limits: AgeLimits | null;
  source: YamlSource | null;
  /** Screens whose points came from the list (module id → screen ids). */
  generated: Set<string>;
}

export function loadAgeLimits(root: string, load: (file: string) => YamlSource, errors: Diagnostic[]): CompiledAgeLimits {
  const file = join(root, AGE_LIMITS_FILE);
  if (!existsSync(file)) return { limits: null, source: null, generated: new Set() };
  const source = load(file);
  return { limits: parseWith(AgeLimits, source, [], errors), source, generated: new Set() };
}

/** One line per platform, as pupils read it. */
export const agePoint = (p: AgeLimits['platforms'][number]): string => `${p.name}: ${p.minimumAge} and over${p.note ? `, ${p.note}` : ''}.`;

/**
 * A keyPoints screen written with `pointsFrom: age-limits` gets the list as its points, filled into
 * the parsed YAML before validation (like a whoToTell screen's band routes).
 */
export function fillAgeLimits(moduleData: unknown, ages: CompiledAgeLimits, source: YamlSource, errors: Diagnostic[]): void {
  const screens = (moduleData as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return;
  screens.forEach((screen: unknown, i) => {
    if (!screen || typeof screen !== 'object' || !('pointsFrom' in screen)) return;
    const s = screen as { id?: string; kind?: string; pointsFrom?: unknown; points?: string[] };
    if (s.pointsFrom !== MARK || s.kind !== 'keyPoints') {
      errors.push(source.diagnostic('schema', ['screens', i, 'pointsFrom'], `pointsFrom: ${MARK} is the only list, on a keyPoints screen`));
    } else if (!ages.limits) {
      errors.push(source.diagnostic('file', ['screens', i, 'pointsFrom'], `pointsFrom: ${MARK} needs content/${AGE_LIMITS_FILE}`));
    } else {
      s.points = ages.limits.platforms.map(agePoint);
      if (s.id) ages.generated.add(s.id);
    }
    delete s.pointsFrom;
  });
}

/** A platform's age written anywhere but the list would drift from it: name and number in one sentence. */
export function checkPlatformAges(courses: CompiledCourse[], ages: CompiledAgeLimits, errors: Diagnostic[]): void {
  if (!ages.limits) return;
  const names = ages.limits.platforms.map((p) => p.name.replace(/\s*\(.*\)$/, ''));
  const pattern = new RegExp(`\\b(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b[^.!?\\n]*\\b\\d{1,2}\\b|\\b\\d{1,2}\\b[^.!?\\n]*\\b(${names.join('|')})\\b`);
  const flag = (source: YamlSource, path: (string | number)[], text: string) => {
    const m = pattern.exec(text);
    if (m) errors.push(source.diagnostic('brief', path, `"${m[0].slice(0, 50)}": platform ages are stated only in content/${AGE_LIMITS_FILE} (a keyPoints screen with pointsFrom: ${MARK} shows them)`));
  };
  for (const c of courses.filter((x) => x.course.audience === 'pupil')) {
    for (const { module, source, screenIndex } of c.modules) {
      module.screens.forEach((screen, kept) => {
        if (ages.generated.has(screen.id)) return;
        const at = ['screens', screenIndex?.[kept] ?? kept];
        flag(source, [...at, 'title'], screen.title ?? '');
        if ('body' in screen) flag(source, [...at, 'body'], screen.body ?? '');
        if (screen.kind === 'keyPoints') screen.points.forEach((p, j) => flag(source, [...at, 'points', j], p));
        if (screen.kind === 'workedExample') [screen.situation, ...screen.steps].forEach((t, j) => flag(source, j === 0 ? [...at, 'situation'] : [...at, 'steps', j - 1], t));
      });
    }
    for (const { item, source, path } of c.items) for (const s of itemStrings(item)) flag(source, [...path, ...s.path], s.text);
  }
}
