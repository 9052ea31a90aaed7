import type { z } from 'zod';
import { Item, Module, Screen } from '../schema/index';
import type { Diagnostic } from './diagnostics';
import type { Path, YamlSource } from './source';

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

/**
 * After a module's errors are reported, keep its valid screens and questions (with their places in
 * the file) so one bad question does not also show up as coverage gaps for the rest of the file.
 */
export function salvageModule(data: unknown): { module: Module; screenIndex: number[]; questionIndex: number[] } | null {
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

export function salvageItems(data: unknown): { item: Item; i: number }[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((d, i) => {
    const r = Item.safeParse(d);
    return r.success ? [{ item: r.data, i }] : [];
  });
}

