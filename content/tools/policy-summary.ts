import { relative } from 'node:path';
import type { PolicyDiff } from './policy-change';
import { diffText } from './word-diff';

/** content:policy-diff's report for a person: counts, then each change with what cites it. */
export function summary(r: PolicyDiff, file: string): string {
  const where = (line: number) => `${relative(process.cwd(), file) || file}:${line}`;
  const affected = (a: { screens: string[]; items: string[] }) => [
    `    screens: ${a.screens.length ? a.screens.join(', ') : 'none'}`,
    `    items:   ${a.items.length ? a.items.join(', ') : 'none'}`,
  ];
  const lines = [
    `Compared with the clause registry (edition ${r.edition}): ${r.unchanged} unchanged, ${r.changed.length} reworded, ${r.removed.length} removed, ${r.added.length} new rule${r.added.length === 1 ? '' : 's'}.`,
  ];
  if (r.unchanged + r.changed.length === 0) lines.push("None of the registry's clauses is in this text: is it the right document?");
  if (r.changed.length) lines.push('', 'Reworded (clause, then [-old-] {+new+} wording and what cites it):');
  for (const c of r.changed) lines.push(`  ${c.id}  at ${where(c.line)}`, `    ${diffText(c.diff)}`, ...affected(c.affected));
  if (r.removed.length) lines.push('', 'Removed (no sentence of the new text is like it):');
  for (const c of r.removed) lines.push(`  ${c.id}  was: "${c.text}"`, ...affected(c.affected));
  if (r.added.length) lines.push('', 'New rules (no clause holds them):');
  for (const a of r.added) lines.push(`  ${where(a.line)}  [${a.section}${a.newSection ? `, a new section "${a.newSection}"` : ''}] ${a.text}`);
  return lines.join('\n');
}
