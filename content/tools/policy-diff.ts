// `npm run content:policy-diff -- --new FILE [--json] [--root DIR]`: what a new edition of the policy
// changes. Each clause of the registry is unchanged, reworded (with a word-level diff) or removed;
// rules of the new text that no clause holds are listed as added; every reworded or removed clause
// lists the lesson screens and items that cite it as file:line. Never changes anything.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rootArg } from './paths';
import { PolicyInputError, comparePolicy, readPolicyText } from './policy-change';
import { summary } from './policy-summary';

const USAGE = 'usage: npm run content:policy-diff -- --new FILE [--json] [--root DIR]';

function main(): number {
  let values: { new?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ options: { new: { type: 'string' }, json: { type: 'boolean' }, root: { type: 'string' } }, strict: true }));
  } catch (e) {
    console.error(`content:policy-diff: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.new) {
    console.error(`content:policy-diff: say which text to compare with --new FILE\n${USAGE}`);
    return 2;
  }
  try {
    const file = resolve(values.new);
    const { report } = comparePolicy(rootArg(), readPolicyText(file));
    console.log(values.json ? JSON.stringify(report, null, 2) : summary(report, file));
    return 0;
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    console.error(`content:policy-diff: ${e.message}`);
    return 1;
  }
}

process.exitCode = main();
