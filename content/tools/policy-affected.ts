import { relative } from 'node:path';
import { screenClauses } from '../schema/index';
import type { Compiled } from './compiled';

/** A lesson screen or a question that cites a clause, and where it is written. */
export interface Citation {
  kind: 'screen' | 'item';
  id: string;
  courseId: string;
  /** Absolute path of the YAML file. */
  file: string;
  /** 1-based line of its `id:`. */
  line: number;
}

/** Every screen and item (bank items and lesson questions) of every course, by the clause ids it cites. */
export function citationsByClause(compiled: Compiled): Map<string, Citation[]> {
  const out = new Map<string, Citation[]>();
  const add = (ids: Iterable<string>, c: Citation) => {
    for (const id of new Set(ids)) {
      const list = out.get(id) ?? [];
      list.push(c);
      out.set(id, list);
    }
  };
  for (const course of compiled.courses) {
    for (const { module, source, screenIndex } of course.modules) {
      module.screens.forEach((screen, kept) => {
        const at = source.locate(['screens', screenIndex?.[kept] ?? kept, 'id']);
        add(screenClauses(screen), { kind: 'screen', id: screen.id, courseId: course.course.id, file: source.file, line: at.line });
      });
    }
    for (const ci of course.items) {
      const at = ci.source.locate([...ci.path, 'id']);
      add(ci.item.clauses, { kind: 'item', id: ci.item.id, courseId: ci.courseId, file: ci.source.file, line: at.line });
    }
  }
  return out;
}

/** `file:line`, the file relative to `base` (the working directory by default), as editors open it. */
export function fileLine(c: Citation, base: string = process.cwd()): string {
  const rel = relative(base, c.file);
  return `${rel.startsWith('..') ? c.file : rel}:${c.line}`;
}

export interface Affected {
  screens: string[];
  items: string[];
}

export function affectedBy(citations: Map<string, Citation[]>, clauseId: string, base?: string): Affected {
  const list = citations.get(clauseId) ?? [];
  return {
    screens: list.filter((c) => c.kind === 'screen').map((c) => fileLine(c, base)),
    items: list.filter((c) => c.kind === 'item').map((c) => fileLine(c, base)),
  };
}
