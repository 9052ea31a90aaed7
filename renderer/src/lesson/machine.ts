import { assertEvent, assign, not, setup, type SnapshotFrom } from 'xstate';
import type { BranchingItem, Item, PlayerItem, UnkeyedItem } from '@content/schema';
import { isKeyed } from '@content/schema/unkeyed-item';
import type { LessonPlan } from './plan';
import { isCorrect, lessonResult, type Answer } from './result';

/**
 * The lesson as a state machine: one machine for every module, given the module's plan as input.
 * Pure: no clock, no DOM, no SCORM. The runner feeds latencies in with the events and mirrors every
 * snapshot to the SCO adapter.
 */
export interface LessonContext {
  plan: LessonPlan;
  /** Index into plan.steps of what is on screen (steps.length once the questions are over). */
  index: number;
  answers: Answer[];
  /** Branching item in progress: the options chosen so far, as `node.option`. */
  path: string[];
  acknowledged: boolean;
  /**
   * Items main sent without their key (a scored module in the app), keyed, as main's reply to the
   * commit that recorded their answer revealed them: the feedback is given from these.
   */
  revealed: Record<string, Item>;
}

/** Main's judgement of the answer at interaction `index`, with the item keyed. */
export interface Judgement {
  index: number;
  right: boolean;
  item: Item;
}

export type LessonEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  /** single / trueFalse / sort: the neutral response text. */
  | { type: 'ANSWER'; response: string; latencyMs: number }
  /** One decision in a branching scenario. */
  | { type: 'CHOOSE'; option: string; latencyMs: number }
  | { type: 'ACKNOWLEDGE' }
  /** Main's reply to a commit: its judgement of the answers it recorded (scored modules in the app). */
  | { type: 'JUDGED'; judged: readonly Judgement[] };

/** The machine's states; the codec stores one of these letters. `retry`: a pupil's hint after a wrong first answer. */
export const PHASES = ['screen', 'question', 'consequence', 'retry', 'feedback', 'result', 'acknowledge', 'done'] as const;
export type Phase = (typeof PHASES)[number];

export const currentStep = (ctx: LessonContext) => ctx.plan.steps[ctx.index];
export const currentItem = (ctx: LessonContext): PlayerItem | undefined => {
  const step = currentStep(ctx);
  return step?.kind === 'item' ? step.item : undefined;
};

/** The item with its key: its own (lessons, an LMS), or as main revealed it after the answer; null until then. */
export const keyedItem = (ctx: Pick<LessonContext, 'revealed'>, item: PlayerItem): Item | null => (isKeyed(item) ? item : (ctx.revealed[item.id] ?? null));

/**
 * Where a branching scenario stands: the node on screen, or the ending reached (its id; '' for a
 * scenario sent without its key, whose options say only that they end).
 */
export function branchPosition(item: BranchingItem | Extract<UnkeyedItem, { kind: 'branching' }>, path: readonly string[]): { node: string } | { ending: string } {
  let node = item.start;
  for (const pair of path) {
    const [nodeId, optionId] = pair.split('.');
    const opt = item.nodes.find((n) => n.id === nodeId)?.options.find((o) => o.id === optionId);
    if (!opt) throw new Error(`branching path step "${pair}" is not an option of "${item.id}"`);
    if (opt.next === undefined) return { ending: opt.ending ?? '' };
    node = opt.next;
  }
  return { node };
}

const answersTo = (ctx: LessonContext, itemId: string): Answer[] => ctx.answers.filter((a) => a.itemId === itemId);

/**
 * Pupils get a second try (CONTENT-BRIEF: a hint on a wrong answer, then the explanation): a wrong
 * first answer to a single, true/false or sort question leads to the hint and one more answer.
 * Staff answer once; main counts only the first answer anyway (records/verdict.ts).
 */
export const offersSecondTry = (plan: LessonPlan, item: PlayerItem): boolean => plan.audience === 'pupil' && item.kind !== 'branching' && isKeyed(item);

/** The answer feedback is about: the last one given to the item (the second try, when there was one). */
export const lastAnswerTo = (ctx: LessonContext, itemId: string): Answer | null => answersTo(ctx, itemId).at(-1) ?? null;

/** The learner has nothing left to answer: the result, the acknowledgement and the end carry it. */
export const FINISHED_TAG = 'finished';

/** Right or wrong when the player holds the key; null (main judges it) when it does not. */
const judgedHere = (item: PlayerItem, response: string): boolean | null => (isKeyed(item) ? isCorrect(item, response) : null);

export const lessonMachine = setup({
  types: { context: {} as LessonContext, events: {} as LessonEvent, input: {} as { plan: LessonPlan }, tags: {} as typeof FINISHED_TAG },
  guards: {
    atScreen: ({ context }) => currentStep(context)?.kind === 'screen',
    atQuestion: ({ context }) => currentStep(context)?.kind === 'item',
    canGoBack: ({ context }) => context.path.length === 0 && context.index > 0 && context.plan.steps[context.index - 1]?.kind === 'screen',
    simpleAnswer: ({ context }) => {
      const item = currentItem(context);
      if (item === undefined || item.kind === 'branching') return false;
      const given = answersTo(context, item.id);
      return given.length === 0 || (given.length === 1 && given[0]?.correct === false && offersSecondTry(context.plan, item));
    },
    // Evaluated after recordAnswer: the answer just given is the last one.
    firstTryWrong: ({ context }) => {
      const item = currentItem(context);
      if (item === undefined || !offersSecondTry(context.plan, item)) return false;
      const given = answersTo(context, item.id);
      return given.length === 1 && given[0]?.correct === false;
    },
    choiceContinues: ({ context, event }) => {
      assertEvent(event, 'CHOOSE');
      const item = currentItem(context);
      if (item?.kind !== 'branching') return false;
      const pos = branchPosition(item, context.path);
      if (!('node' in pos)) return false;
      const opt = item.nodes.find((n) => n.id === pos.node)?.options.find((o) => o.id === event.option);
      return opt?.next !== undefined;
    },
    choiceEnds: ({ context, event }) => {
      assertEvent(event, 'CHOOSE');
      const item = currentItem(context);
      if (item?.kind !== 'branching') return false;
      const pos = branchPosition(item, context.path);
      if (!('node' in pos)) return false;
      const opt = item.nodes.find((n) => n.id === pos.node)?.options.find((o) => o.id === event.option);
      return opt !== undefined && opt.next === undefined;
    },
    // The feedback is given once the answer is judged: at once with a key, after main's reply without.
    answerJudged: ({ context }) => {
      const item = currentItem(context);
      return item === undefined || (lastAnswerTo(context, item.id)?.correct ?? null) !== null;
    },
    judgementIsNew: ({ context, event }) => {
      assertEvent(event, 'JUDGED');
      return event.judged.some((j) => {
        const a = context.answers[j.index];
        return a !== undefined && a.itemId === j.item.id && (a.correct !== j.right || context.revealed[j.item.id] === undefined);
      });
    },
    straightToAcknowledgement: ({ context }) => context.plan.skipResult === true && context.plan.acknowledgement !== null,
    // A scored module is acknowledged once passed; an unscored one that carries a statement (the
    // "What changed" update of a new policy edition) always ends with it.
    needsAcknowledgement: ({ context }) =>
      context.plan.acknowledgement !== null && lessonResult(context.plan, context.answers).passed !== false,
  },
  actions: {
    advance: assign({ index: ({ context }) => context.index + 1, path: () => [] }),
    goBack: assign({ index: ({ context }) => context.index - 1 }),
    recordAnswer: assign({
      answers: ({ context, event }) => {
        assertEvent(event, 'ANSWER');
        const item = currentItem(context);
        if (!item) return context.answers;
        return [...context.answers, { itemId: item.id, response: event.response, correct: judgedHere(item, event.response), latencyMs: event.latencyMs }];
      },
    }),
    choose: assign({
      path: ({ context, event }) => {
        assertEvent(event, 'CHOOSE');
        const item = currentItem(context);
        if (item?.kind !== 'branching') return context.path;
        const pos = branchPosition(item, context.path);
        return 'node' in pos ? [...context.path, `${pos.node}.${event.option}`] : context.path;
      },
    }),
    recordPath: assign({
      answers: ({ context, event }) => {
        assertEvent(event, 'CHOOSE');
        const item = currentItem(context);
        if (!item) return context.answers;
        const response = context.path.join(',');
        return [...context.answers, { itemId: item.id, response, correct: judgedHere(item, response), latencyMs: event.latencyMs }];
      },
    }),
    acknowledge: assign({ acknowledged: true }),
    // Only an answer to the item main names at that index is judged: a reply never moves answers.
    judge: assign(({ context, event }) => {
      assertEvent(event, 'JUDGED');
      const answers = [...context.answers];
      const revealed = { ...context.revealed };
      for (const j of event.judged) {
        const a = answers[j.index];
        if (a === undefined || a.itemId !== j.item.id) continue;
        answers[j.index] = { ...a, correct: j.right };
        revealed[j.item.id] = j.item;
      }
      return { answers, revealed };
    }),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({ plan: input.plan, index: 0, answers: [], path: [], acknowledged: false, revealed: {} }),
  initial: 'route',
  on: { JUDGED: { guard: 'judgementIsNew', actions: 'judge' } },
  states: {
    // Transient: decides what the step at `index` is.
    route: {
      always: [
        { guard: 'atScreen', target: 'screen' },
        { guard: 'atQuestion', target: 'question' },
        { guard: 'straightToAcknowledgement', target: 'acknowledge' },
        { target: 'result' },
      ],
    },
    screen: {
      on: {
        NEXT: { target: 'route', actions: 'advance' },
        BACK: { guard: 'canGoBack', target: 'route', actions: 'goBack' },
      },
    },
    question: {
      on: {
        ANSWER: { guard: 'simpleAnswer', target: 'answered', actions: 'recordAnswer' },
        CHOOSE: [
          { guard: 'choiceContinues', target: 'consequence', actions: 'choose' },
          { guard: 'choiceEnds', target: 'feedback', actions: ['choose', 'recordPath'] },
        ],
        BACK: { guard: 'canGoBack', target: 'route', actions: 'goBack' },
      },
    },
    // Transient: a pupil's wrong first answer gets the hint and a second try; else the feedback.
    answered: { always: [{ guard: 'firstTryWrong', target: 'retry' }, { target: 'feedback' }] },
    retry: { on: { NEXT: 'question' } },
    // A branching decision's consequence, before the next decision.
    consequence: { on: { NEXT: 'question' } },
    feedback: { on: { NEXT: { guard: 'answerJudged', target: 'route', actions: 'advance' } } },
    // The result is a screen of its own only when the acknowledgement follows it; otherwise the
    // run ends at once, so the learner sees one end screen (done), not "result" then "finished".
    // NEXT stays for a run saved at the result before this rule (a restored snapshot skips `always`).
    result: {
      tags: FINISHED_TAG,
      always: { guard: not('needsAcknowledgement'), target: 'done' },
      on: {
        NEXT: [{ guard: 'needsAcknowledgement', target: 'acknowledge' }, { target: 'done' }],
      },
    },
    acknowledge: { tags: FINISHED_TAG, on: { ACKNOWLEDGE: { target: 'done', actions: 'acknowledge' } } },
    done: { type: 'final', tags: FINISHED_TAG },
  },
});

export type LessonMachine = typeof lessonMachine;
export type LessonSnapshot = SnapshotFrom<LessonMachine>;
