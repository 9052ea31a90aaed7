// `npm run content:policy-adopt -- --new FILE --edition LABEL --approved YYYY-MM-DD [--root DIR]`:
// make FILE the policy text, edition LABEL, approved on that date. The registry takes the new
// wording (reworded clauses), new ids (new rules) and the document-control facts; removed clauses
// are listed under `removed:`. Then content:check fails until every clause, screen and item the
// change touches carries reviewed: "LABEL" (content/FORMAT.md, "A new edition of the policy").
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { adoptEdition } from './adopt';
import { formatDiagnostic } from './diagnostics';
import { rootArg } from './paths';
import { PolicyInputError, readPolicyText } from './policy-change';
import { summary } from './policy-summary';

const USAGE = 'usage: npm run content:policy-adopt -- --new FILE --edition LABEL --approved YYYY-MM-DD';

function main(): number {
  let values: { new?: string; edition?: string; approved?: string };
  try {
    ({ values } = parseArgs({ options: { new: { type: 'string' }, edition: { type: 'string' }, approved: { type: 'string' }, root: { type: 'string' } }, strict: true }));
  } catch (e) {
    console.error(`content:policy-adopt: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const missing = (['new', 'edition', 'approved'] as const).filter((k) => !values[k]);
  if (missing.length > 0) {
    console.error(`content:policy-adopt: missing ${missing.map((k) => `--${k}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  try {
    const file = resolve(values.new as string);
    const result = adoptEdition(rootArg(), readPolicyText(file), { edition: values.edition as string, approved: values.approved as string });
    const lines = [summary(result.report, file), ''];
    lines.push(`Adopted edition ${values.edition}: wrote ${result.files.join(' and ')}.`);
    for (const s of result.newSections) lines.push(`New section "${s.title}" (id ${s.id}).`);
    if (result.addedIds.length) lines.push(`New clause ids: ${result.addedIds.join(', ')} (write each paraphrase; rename an id now if you wish, never after release).`);
    for (const w of result.warnings) lines.push(`Note: ${w}.`);
    if (result.toReview.length) {
      lines.push('', `content:check now fails until these ${result.toReview.length} are done:`);
      lines.push(...result.toReview.map((d) => `  ${formatDiagnostic(d)}`));
    } else {
      lines.push('Nothing to review: no clause that any screen or item cites was changed.');
    }
    console.log(lines.join('\n'));
    return 0;
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    console.error(`content:policy-adopt: ${e.message}`);
    return 1;
  }
}

process.exitCode = main();
