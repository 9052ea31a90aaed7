import type { AnswerKeyEntry } from './answer-key';
import type { AnswerRecord } from './answer-record';
import type { ItemKind } from './items';

// Scoring is plain code over the neutral response (no schema library): main re-scores with it and
// the player inside an LMS scores with it, so both always agree.

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
