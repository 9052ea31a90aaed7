import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bundle } from '@content/schema';
import { adoptEdition } from '@content/tools/adopt';
import { compileContent } from '@content/tools/compile';
import { PARAPHRASE_TO_WRITE } from '@content/tools/review';

const ROOT = path.resolve(__dirname, '../..');
const POLICY = path.join(ROOT, 'tests/fixtures/policy');

let cached: Bundle | null = null;

// What the author writes for the two new rules after adopting (content:check refuses the placeholder).
const NEW_RULES_IN_PLAIN_WORDS = [
  'Never put pupils’ photos, names or work into an AI tool the Trust has not approved.',
  'Never use an AI tool to change a photo of a pupil or to make a picture of one.',
];

/**
 * The app's courses with edition 1.0 of the policy adopted (tests/fixtures/policy/edition-1.0.txt:
 * three rules reworded, a new section of two rules), compiled as content:build would, in a copy:
 * content/ is never touched. The new rules get their paraphrases; the reviews of screens and items
 * are not marked, which changes nothing the app reads.
 */
export function editionBundle(): Bundle {
  if (!cached) {
    const root = mkdtempSync(path.join(tmpdir(), 'edition-bundle-'));
    try {
      mkdirSync(path.join(root, 'policy'));
      cpSync(path.join(POLICY, 'edition-0.1'), path.join(root, 'policy'), { recursive: true });
      cpSync(path.join(ROOT, 'content/courses'), path.join(root, 'courses'), { recursive: true });
      adoptEdition(root, readFileSync(path.join(POLICY, 'edition-1.0.txt'), 'utf8'), { edition: '1.0', approved: '2025-07-14' });
      const registry = path.join(root, 'policy', 'clauses.yaml');
      let text = readFileSync(registry, 'utf8');
      for (const words of NEW_RULES_IN_PLAIN_WORDS) text = text.replace(JSON.stringify(PARAPHRASE_TO_WRITE), JSON.stringify(words));
      writeFileSync(registry, text);
      const bundle = compileContent(root).bundle;
      if (!bundle) throw new Error('the adopted edition did not compile');
      cached = Bundle.parse(bundle);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return structuredClone(cached);
}
