import { CMI_LIMITS, checkCmiElement } from './data-model';
import type { Cmi } from './version';

// ---------------------------------------------------------------------------------------------
// A whole cmi against every limit in one pass: each element (checkCmiElement: its type, the
// standard's length, the collection counts), the bytes of each collection, and the bytes of the
// commit. The contract runs this on everything a learner sends; the player's own commits stay far
// below (tests/lesson/cmi-limits.test.ts); the records add the bytes up per attempt (cmiBytes).
// ---------------------------------------------------------------------------------------------

const NOT_ASCII = /[\u0080-\uffff]/;

/** UTF-8 length without an encoder's allocation (runs in the player, in main and in an LMS page). */
export function utf8Bytes(s: string): number {
  if (!NOT_ASCII.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // Two bytes below U+0800, three otherwise; a surrogate pair is four (two units, 2 + 2).
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

type CollectionName = keyof typeof CMI_LIMITS.collectionBytes;
/** The collections whose bytes are counted, by the prefix of their elements. */
const COLLECTIONS = (Object.keys(CMI_LIMITS.collectionBytes) as CollectionName[]).map((name) => ({ name, prefix: `${name}.` }));

/** Exact, so a limit missed by one byte does not read as equal to it. */
const kb = (n: number): string => `${n.toLocaleString('en-GB')} bytes`;

export interface CmiProblem {
  /** The element at fault, or the collection (`cmi.interactions`), or null for the commit as a whole. */
  key: string | null;
  message: string;
}

/** Every element's bytes (names and values) added up: what one commit puts in the journal. */
export function cmiBytes(cmi: Cmi): number {
  let total = 0;
  for (const key in cmi.data) total += key.length + utf8Bytes(cmi.data[key] ?? '');
  return total;
}

/**
 * The problems with a cmi as a learner sent it, at most `max` of them, each naming the element or
 * collection and the limit. The element count is checked first, so an abusive cmi costs no more
 * than CMI_LIMITS.maxKeys element checks.
 */
export function cmiProblems(cmi: Cmi, max = 10): CmiProblem[] {
  const keys = Object.keys(cmi.data);
  if (keys.length > CMI_LIMITS.maxKeys) return [{ key: null, message: `cmi has ${keys.length} elements; at most ${CMI_LIMITS.maxKeys}` }];
  const problems: CmiProblem[] = [];
  const inCollection = new Map<CollectionName, number>();
  let total = 0;
  for (const key of keys) {
    const value = cmi.data[key] ?? '';
    const problem = checkCmiElement(cmi.version, key, value);
    if (problem && problems.length < max) problems.push({ key, message: `${key} ${problem}` });
    // Element names are ASCII once they passed (any other name is already a problem above).
    const bytes = key.length + utf8Bytes(value);
    total += bytes;
    const c = COLLECTIONS.find((x) => key.startsWith(x.prefix));
    if (c) inCollection.set(c.name, (inCollection.get(c.name) ?? 0) + bytes);
  }
  for (const [name, bytes] of inCollection) {
    const limit = CMI_LIMITS.collectionBytes[name];
    if (bytes > limit && problems.length < max) problems.push({ key: name, message: `${name} takes ${kb(bytes)} in this commit; at most ${kb(limit)}` });
  }
  if (total > CMI_LIMITS.commitBytes) problems.push({ key: null, message: `cmi takes ${kb(total)} in one commit; at most ${kb(CMI_LIMITS.commitBytes)}` });
  return problems.slice(0, max);
}

/** The problem when this commit would take the attempt past its bytes, or null. */
export function attemptBytesProblem(received: number, commit: number): string | null {
  return received + commit > CMI_LIMITS.attemptBytes
    ? `cmi: this attempt has sent ${kb(received)} over its commits and this one adds ${kb(commit)}; at most ${kb(CMI_LIMITS.attemptBytes)} per attempt (start a new attempt)`
    : null;
}
