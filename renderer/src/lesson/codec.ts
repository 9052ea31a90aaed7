import type { PlayerItem } from '@content/schema';
import { isKeyed } from '@content/schema/unkeyed-item';
import { parseResponse } from '@content/schema/scoring';
import { PHASES, type LessonContext, type Phase } from './machine';
import { planItems, type LessonPlan } from './plan';
import { isCorrect, type Answer } from './result';

/**
 * The suspend_data codec: position, drawn items and answers, never a persisted XState snapshot
 * (that carries the whole plan). Every real module's state is a few dozen characters, far inside
 * SCORM 1.2's 4,096 (tests/lesson/codec.test.ts checks the whole bundle).
 *
 *   1|<phase letter><step index, base 36>|<drawn pool indices, base 36, '.'-joined>|<answers>|<branch path>|<ack 0/1>
 *
 * Answers are in item order (questions are answered in turn): single = option letter,
 * trueFalse = t/f, sort = each card's group index in card order, branching = option letters;
 * a pupil's second try follows the first after a '-' (`b-a`).
 */
export const CODEC_VERSION = '1';
const PHASE_LETTER: Record<Phase, string> = { screen: 's', question: 'q', consequence: 'c', retry: 'h', feedback: 'f', result: 'r', acknowledge: 'a', done: 'd' };
const LETTER_PHASE = new Map(Object.entries(PHASE_LETTER).map(([k, v]) => [v, k as Phase]));

export class CodecError extends Error {
  override name = 'CodecError';
}

export interface SavedState {
  phase: Phase;
  context: LessonContext;
}

function compactResponse(item: PlayerItem, response: string): string {
  const r = parseResponse(item.kind, response);
  switch (r.kind) {
    case 'single':
      return r.option;
    case 'trueFalse':
      return r.value ? 't' : 'f';
    case 'sort': {
      if (item.kind !== 'sort') break;
      const group = new Map(r.placements.map((p) => [p.card, p.group]));
      return item.cards
        .map((c) => {
          const g = item.groups.findIndex((x) => x.id === group.get(c.id));
          if (g < 0 || g > 35) throw new CodecError(`sort answer for "${item.id}" does not place card "${c.id}"`);
          return g.toString(36);
        })
        .join('');
    }
    case 'branching':
      return r.choices.map((c) => c.option).join('');
  }
  throw new CodecError(`answer for "${item.id}" does not match its kind ${item.kind}`);
}

/** Option letters of a branching walk → `node.option,...` (the nodes follow from the options). */
function expandPath(item: PlayerItem, letters: string): string[] {
  if (item.kind !== 'branching') throw new CodecError(`"${item.id}" is not a branching item`);
  const out: string[] = [];
  let node: string | undefined = item.start;
  for (const letter of letters) {
    const opt = item.nodes.find((n) => n.id === node)?.options.find((o) => o.id === letter);
    if (!opt || node === undefined) throw new CodecError(`branching path "${letters}" is not a walk through "${item.id}"`);
    out.push(`${node}.${letter}`);
    node = opt.next;
  }
  return out;
}

function expandResponse(item: PlayerItem, text: string): string {
  switch (item.kind) {
    case 'single':
      if (!item.options.some((o) => o.id === text)) throw new CodecError(`"${text}" is not an option of "${item.id}"`);
      return text;
    case 'trueFalse':
      if (text !== 't' && text !== 'f') throw new CodecError(`"${text}" is not t or f for "${item.id}"`);
      return text === 't' ? 'true' : 'false';
    case 'sort': {
      if (text.length !== item.cards.length) throw new CodecError(`sort answer "${text}" does not place every card of "${item.id}"`);
      return item.cards
        .map((c, i) => {
          const g = item.groups[parseInt(text[i] ?? '', 36)];
          if (!g) throw new CodecError(`sort answer "${text}" names a group "${item.id}" does not have`);
          return `${c.id}.${g.id}`;
        })
        .join(',');
    }
    case 'branching':
      return expandPath(item, text).join(',');
  }
}

const b36 = (n: number): string => n.toString(36);
function int36(text: string, what: string): number {
  if (!/^[0-9a-z]+$/.test(text)) throw new CodecError(`${what} "${text}" is not a base-36 number`);
  return parseInt(text, 36);
}

export function encodeState(plan: LessonPlan, phase: Phase, ctx: LessonContext, drawn: boolean): string {
  const items = planItems(plan);
  const poolIndex = new Map(plan.pool.map((item, i) => [item.id, i]));
  const drawnPart = drawn ? items.map((i) => b36(poolIndex.get(i.id) ?? -1)).join('.') : '';
  const byId = new Map(items.map((i) => [i.id, i]));
  // One part per answered item, in the order answered; a second try joins its first with '-'.
  const parts: { itemId: string; text: string }[] = [];
  for (const a of ctx.answers) {
    const item = byId.get(a.itemId);
    if (!item) throw new CodecError(`answer for "${a.itemId}", which is not in this lesson`);
    const text = compactResponse(item, a.response);
    const last = parts.at(-1);
    if (last?.itemId === a.itemId) last.text += `-${text}`;
    else parts.push({ itemId: a.itemId, text });
  }
  const answers = parts.map((p) => p.text).join('.');
  const path = ctx.path.map((p) => p.slice(p.indexOf('.') + 1)).join('');
  return [CODEC_VERSION, PHASE_LETTER[phase] + b36(ctx.index), drawnPart, answers, path, ctx.acknowledged ? '1' : '0'].join('|');
}

function split(text: string): string[] {
  const parts = text.split('|');
  if (parts.length !== 6) throw new CodecError(`saved lesson state has ${parts.length} parts, expected 6`);
  if (parts[0] !== CODEC_VERSION) throw new CodecError(`saved lesson state is version "${parts[0]}", this player reads "${CODEC_VERSION}"`);
  return parts;
}

/** The drawn item ids a saved state carries (empty for a lesson that draws nothing). */
export function decodeDrawn(text: string, pool: readonly PlayerItem[]): string[] {
  const drawnPart = split(text)[2] ?? '';
  if (drawnPart === '') return [];
  return drawnPart.split('.').map((part) => {
    const item = pool[int36(part, 'drawn item index')];
    if (!item) throw new CodecError(`drawn item index "${part}" is outside the bank`);
    return item.id;
  });
}

export function decodeState(text: string, plan: LessonPlan): SavedState {
  const [, pos = '', , answersPart = '', pathPart = '', ack = ''] = split(text);
  const phase = LETTER_PHASE.get(pos.slice(0, 1));
  if (!phase) throw new CodecError(`saved phase "${pos.slice(0, 1)}" is unknown (expected one of ${PHASES.join(', ')})`);
  const index = int36(pos.slice(1), 'step index');
  if (index > plan.steps.length) throw new CodecError(`saved step ${index} is past the end of "${plan.moduleId}"`);
  const items = planItems(plan);
  const parts = answersPart === '' ? [] : answersPart.split('.');
  if (parts.length > items.length) throw new CodecError(`saved state has ${parts.length} answers for ${items.length} questions`);
  const answers: Answer[] = parts.flatMap((part, i) => {
    const item = items[i];
    if (!item) throw new CodecError(`answer ${i} has no question`);
    const tries = part.split('-');
    if (tries.length > 2 || (tries.length === 2 && (plan.audience !== 'pupil' || item.kind === 'branching'))) {
      throw new CodecError(`answer "${part}" gives "${item.id}" more tries than it allows`);
    }
    return tries.map((text) => {
      const response = expandResponse(item, text);
      // An item sent without its key waits for main's judgement again (the first commit's reply).
      return { itemId: item.id, response, correct: isKeyed(item) ? isCorrect(item, response) : null, latencyMs: 0 };
    });
  });
  if (answers.some((a, i) => a.correct && answers[i + 1]?.itemId === a.itemId)) throw new CodecError('a second try follows a right first answer');
  const step = plan.steps[index];
  const path = pathPart === '' ? [] : step?.kind === 'item' ? expandPath(step.item, pathPart) : [];
  if (pathPart !== '' && path.length === 0) throw new CodecError('saved branching path is not on a question');
  if (ack !== '0' && ack !== '1') throw new CodecError(`saved acknowledgement flag "${ack}" is not 0 or 1`);
  return { phase, context: { plan, index, answers, path, acknowledged: ack === '1', revealed: {} } };
}
