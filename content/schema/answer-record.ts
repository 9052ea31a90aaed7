import { z } from 'zod';
import { ClauseId, Slug } from './ids';
import { ITEM_KINDS, type ItemKind } from './items';
import type { AnswerKeyEntry } from './answer-key';

/**
 * The neutral answer record: what the player records for one answer and what the records store
 * re-scores. The player maps `response` to each SCORM version's delimiters; this module is the one
 * place scoring is defined.
 */
export const AnswerRecord = z.strictObject({
  itemId: Slug,
  clauseIds: z.array(ClauseId).min(1),
  kind: z.enum(ITEM_KINDS),
  response: z.string().max(4000),
  latencyMs: z.int().nonnegative(),
});
export type AnswerRecord = z.infer<typeof AnswerRecord>;

export const INTERACTION_ID_RE = /^[a-z0-9._-]{1,255}$/;

/** SCORM 1.2 and 2004 both accept this id: item id, '__', clause ids joined by '_'. */
export function interactionId(item: { id: string; clauses: readonly string[] } | { itemId: string; clauseIds: readonly string[] }): string {
  const [id, clauses] = 'id' in item ? [item.id, item.clauses] : [item.itemId, item.clauseIds];
  const out = `${id}__${clauses.join('_')}`;
  if (!INTERACTION_ID_RE.test(out)) throw new Error(`interaction id "${out}" is not a valid SCORM identifier ([a-z0-9._-], at most 255 characters)`);
  return out;
}

export function parseInteractionId(id: string): { itemId: string; clauseIds: string[] } {
  const at = id.indexOf('__');
  if (!INTERACTION_ID_RE.test(id) || at <= 0) throw new Error(`"${id}" is not an interaction id (expected <item id>__<clause ids joined by _>)`);
  const itemId = id.slice(0, at);
  const clauseIds = id.slice(at + 2).split('_');
  if (!Slug.safeParse(itemId).success || !clauseIds.every((c) => ClauseId.safeParse(c).success)) {
    throw new Error(`"${id}" is not an interaction id (bad item or clause id)`);
  }
  return { itemId, clauseIds };
}

export type Response =
  | { kind: 'single'; option: string }
  | { kind: 'trueFalse'; value: boolean }
  | { kind: 'sort'; placements: { card: string; group: string }[] }
  | { kind: 'branching'; choices: { node: string; option: string }[] };

const PAIR_RE = /^([a-z0-9-]+)\.([a-z0-9-]+)$/;

function pairs(text: string, what: string): { left: string; right: string }[] {
  if (text === '') return [];
  return text.split(',').map((part) => {
    const m = PAIR_RE.exec(part);
    if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`${what} response part "${part}" is not <id>.<id>`);
    return { left: m[1], right: m[2] };
  });
}

/** Text (as recorded) to a structured response; throws with a clear message on bad input. */
export function parseResponse(kind: ItemKind, text: string): Response {
  switch (kind) {
    case 'single':
      if (!/^[a-f]$/.test(text)) throw new Error(`single response "${text}" is not an option id a-f`);
      return { kind, option: text };
    case 'trueFalse':
      if (text !== 'true' && text !== 'false') throw new Error(`trueFalse response "${text}" is not true or false`);
      return { kind, value: text === 'true' };
    case 'sort':
      return { kind, placements: pairs(text, 'sort').map((p) => ({ card: p.left, group: p.right })) };
    case 'branching':
      return { kind, choices: pairs(text, 'branching').map((p) => ({ node: p.left, option: p.right })) };
  }
}

/** Structured response to the neutral text the player records. */
export function encodeResponse(response: Response): string {
  switch (response.kind) {
    case 'single':
      return response.option;
    case 'trueFalse':
      return String(response.value);
    case 'sort':
      return response.placements.map((p) => `${p.card}.${p.group}`).join(',');
    case 'branching':
      return response.choices.map((c) => `${c.node}.${c.option}`).join(',');
  }
}

/** Sort placements in the item's card order, so the same answer always encodes the same way. */
export function sortResponse(item: { cards: readonly { id: string }[] }, placement: Record<string, string>): Response {
  return { kind: 'sort', placements: item.cards.filter((c) => placement[c.id] !== undefined).map((c) => ({ card: c.id, group: placement[c.id] ?? '' })) };
}

/** Where a branching path ends, or null when the recorded path is not a walk through the scenario. */
export function branchEnding(key: Extract<AnswerKeyEntry, { kind: 'branching' }>, choices: { node: string; option: string }[]): string | null {
  let at: string = key.start;
  for (const [i, c] of choices.entries()) {
    if (c.node !== at) return null;
    const step = key.transitions[`${c.node}.${c.option}`];
    if (!step) return null;
    if (step.ending !== undefined) return i === choices.length - 1 ? step.ending : null;
    if (step.next === undefined) return null;
    at = step.next;
  }
  return null;
}

/** True when the response is right under the key; malformed or mismatched responses are wrong. */
export function scoreResponse(key: AnswerKeyEntry, response: string | Response): boolean {
  let r: Response;
  try {
    r = typeof response === 'string' ? parseResponse(key.kind, response) : response;
  } catch {
    return false;
  }
  if (r.kind !== key.kind) return false;
  switch (key.kind) {
    case 'single':
      return r.kind === 'single' && r.option === key.correct;
    case 'trueFalse':
      return r.kind === 'trueFalse' && r.value === key.correct;
    case 'sort': {
      if (r.kind !== 'sort') return false;
      const cards = Object.keys(key.correct);
      const given = new Map(r.placements.map((p) => [p.card, p.group]));
      if (given.size !== r.placements.length || given.size !== cards.length) return false;
      return cards.every((c) => given.get(c) === key.correct[c]);
    }
    case 'branching': {
      if (r.kind !== 'branching') return false;
      const ending = branchEnding(key, r.choices);
      return ending !== null && key.correct.includes(ending);
    }
  }
}

/** Re-score a whole record against a key; the record must be for that item. */
export function scoreRecord(key: AnswerKeyEntry, record: AnswerRecord): boolean {
  return record.itemId === key.itemId && record.kind === key.kind && scoreResponse(key, record.response);
}
