import { assertEvent, assign, not, setup, type SnapshotFrom } from 'xstate';
import type { BranchingItem, Item } from '@content/schema';
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
}

export type LessonEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  /** single / trueFalse / sort: the neutral response text. */
  | { type: 'ANSWER'; response: string; latencyMs: number }
  /** One decision in a branching scenario. */
  | { type: 'CHOOSE'; option: string; latencyMs: number }
  | { type: 'ACKNOWLEDGE' };

/** The machine's states; the codec stores one of these letters. `retry`: a pupil's hint after a wrong first answer. */
export const PHASES = ['screen', 'question', 'consequence', 'retry', 'feedback', 'result', 'acknowledge', 'done'] as const;
export type Phase = (typeof PHASES)[number];

export const currentStep = (ctx: LessonContext) => ctx.plan.steps[ctx.index];
export const currentItem = (ctx: LessonContext): Item | undefined => {
  const step = currentStep(ctx);
  return step?.kind === 'item' ? step.item : undefined;
};

/** Where a branching scenario stands: the node on screen, or the ending reached. */
export function branchPosition(item: BranchingItem, path: readonly string[]): { node: string } | { ending: string } {
  let node = item.start;
  for (const pair of path) {
    const [nodeId, optionId] = pair.split('.');
    const opt = item.nodes.find((n) => n.id === nodeId)?.options.find((o) => o.id === optionId);
    if (!opt) throw new Error(`branching path step "${pair}" is not an option of "${item.id}"`);
    if (opt.ending !== undefined) return { ending: opt.ending };
    node = opt.next ?? node;
  }
  return { node };
}

const answersTo = (ctx: LessonContext, itemId: string): Answer[] => ctx.answers.filter((a) => a.itemId === itemId);

/**
 * Pupils get a second try (CONTENT-BRIEF: a hint on a wrong answer, then the explanation): a wrong
 * first answer to a single, true/false or sort question leads to the hint and one more answer.
 * Staff answer once; main counts only the first answer anyway (records/verdict.ts).
 */
export const offersSecondTry = (plan: LessonPlan, item: Item): boolean => plan.audience === 'pupil' && item.kind !== 'branching';

/** The answer feedback is about: the last one given to the item (the second try, when there was one). */
export const lastAnswerTo = (ctx: LessonContext, itemId: string): Answer | null => answersTo(ctx, itemId).at(-1) ?? null;

/** The learner has nothing left to answer: the result, the acknowledgement and the end carry it. */
export const FINISHED_TAG = 'finished';

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
      return opt?.ending !== undefined;
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
        return [...context.answers, { itemId: item.id, response: event.response, correct: isCorrect(item, event.response), latencyMs: event.latencyMs }];
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
        return [...context.answers, { itemId: item.id, response, correct: isCorrect(item, response), latencyMs: event.latencyMs }];
      },
    }),
    acknowledge: assign({ acknowledged: true }),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({ plan: input.plan, index: 0, answers: [], path: [], acknowledged: false }),
  initial: 'route',
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
    feedback: { on: { NEXT: { target: 'route', actions: 'advance' } } },
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
