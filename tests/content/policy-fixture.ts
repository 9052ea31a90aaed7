import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Policy texts of the next edition (tests/fixtures/policy) and the edition 0.1 they change. */
export const POLICY_FIXTURES = resolve(__dirname, '../fixtures/policy');
export const policyFixture = (name: string): string => join(POLICY_FIXTURES, `${name}.txt`);
export const readPolicyFixture = (name: string): string => readFileSync(policyFixture(name), 'utf8');

/**
 * A throwaway content root: the real registry and policy text of edition 0.1 and a copy of the
 * small valid courses (whose screens and items cite five of its clauses), all frozen under
 * tests/fixtures/policy so that other fixtures can change freely. Adoption writes here, never into
 * content/.
 */
export function policyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'policy-root-'));
  mkdirSync(join(root, 'policy'));
  cpSync(join(POLICY_FIXTURES, 'edition-0.1'), join(root, 'policy'), { recursive: true });
  cpSync(join(POLICY_FIXTURES, 'courses'), join(root, 'courses'), { recursive: true });
  return root;
}

export const MINI = {
  basics: 'courses/staff-mini/modules/basics.yaml',
  items: 'courses/staff-mini/banks/bank/items.yaml',
};

/** The 1-based line of `- id: <id>` (a screen or an item) in a content file: found by reading it, as an author would. */
export function idLine(root: string, file: string, id: string): number {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*-\\s+id:\\s+${id}\\s*$`).test(l));
  if (at < 0) throw new Error(`${file} has no "- id: ${id}"`);
  return at + 1;
}
