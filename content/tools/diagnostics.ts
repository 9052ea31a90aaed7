import { relative } from 'node:path';

/** What kind of problem, so tests and the report can group them. */
export type DiagnosticKind =
  | 'yaml'
  | 'schema'
  | 'file'
  | 'clause'
  | 'wording'
  | 'reference'
  | 'duplicate'
  | 'audience'
  | 'coverage'
  | 'brief'
  | 'readability'
  | 'picture'
  | 'sentence-length'
  | 'review'
  | 'modal'
  | 'editor';

export interface Diagnostic {
  kind: DiagnosticKind;
  /** Absolute path of the YAML file. */
  file: string;
  /** 1-based, as editors count. */
  line: number;
  col: number;
  message: string;
}

/** `file:line:col message`, the file relative to `base` (the working directory by default). */
export function formatDiagnostic(d: Diagnostic, base: string = process.cwd()): string {
  const rel = relative(base, d.file);
  const file = rel.startsWith('..') ? d.file : rel;
  return `${file}:${d.line}:${d.col} ${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
