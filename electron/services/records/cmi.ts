import { createHash } from 'node:crypto';
import { interactionsOf, type Cmi, type CmiInteraction } from '@content/scorm';

/** What the renderer claims the outcome is (kept for the record; never believed). */
export function reportedStatus(cmi: Cmi): string | null {
  const d = cmi.data;
  if (cmi.version === 'scorm12') return d['cmi.core.lesson_status'] ?? null;
  const success = d['cmi.success_status'];
  if (success && success !== 'unknown') return success;
  return d['cmi.completion_status'] ?? null;
}

/** A stable digest of a cmi: the same data in any key order gives the same digest. */
export function cmiDigest(cmi: Cmi): string {
  const keys = Object.keys(cmi.data).sort();
  const canonical = JSON.stringify([cmi.version, keys.map((k) => [k, cmi.data[k]])]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * An attempt's stored cmi, as written and read back. Each commit reads, twice, the cmi its
 * previous commit has just written (to diff it and to time the answers): so the last one written
 * is kept beside its text, as a frozen copy of its own, and handed back for the same text instead
 * of being parsed again. Stored cmi was checked when it was written (issue 19 item 2), so read back
 * it is trusted.
 */
let lastStored: { text: string; cmi: Readonly<Cmi> } | null = null;

const frozenCopy = (cmi: Cmi): Readonly<Cmi> => Object.freeze({ version: cmi.version, data: Object.freeze({ ...cmi.data }) });

/** The text a cmi is stored as (the attempt's row). */
export function storedCmiText(cmi: Cmi): string {
  const text = JSON.stringify(cmi);
  lastStored = { text, cmi: frozenCopy(cmi) };
  return text;
}

/** A stored cmi, read only: the copy kept when the text is the one last written or read, else parsed. */
export function readStoredCmi(text: string): Readonly<Cmi> {
  if (lastStored?.text === text) return lastStored.cmi;
  const parsed = JSON.parse(text) as Cmi;
  Object.freeze(parsed.data);
  const cmi = Object.freeze(parsed);
  lastStored = { text, cmi };
  return cmi;
}

/**
 * The interactions of a stored cmi (`readStoredCmi`'s frozen copies only), worked out once: each
 * commit diffs the new cmi's answers against the ones its previous commit stored, so the store
 * works them out for the cmi it has just written while the journal line is flushed
 * (`primeStoredInteractions`), and the next commit finds them here. Frozen, as they are shared.
 */
const storedInteractionsOf = new WeakMap<Readonly<Cmi>, readonly CmiInteraction[]>();

export function storedInteractions(cmi: Readonly<Cmi>): readonly CmiInteraction[] {
  const kept = storedInteractionsOf.get(cmi);
  if (kept) return kept;
  const found = interactionsOf(cmi);
  // Only a frozen copy can be kept: anything else could change after.
  if (!Object.isFrozen(cmi) || !Object.isFrozen(cmi.data)) return found;
  for (const i of found) Object.freeze(Object.freeze(i).correctPatterns);
  storedInteractionsOf.set(cmi, Object.freeze(found));
  return found;
}

/** Works out the interactions of the cmi last written (`storedCmiText`), for the next commit. */
export function primeStoredInteractions(): void {
  if (lastStored) storedInteractions(lastStored.cmi);
}
