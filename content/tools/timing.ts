import { itemSection, type BranchNode, type BundleCourse, type Draw, type Item, type Module, type Screen } from '../schema/index';
import { sentences } from './readability';

/**
 * How long a staff learner takes, estimated from the content itself rather than from the `minutes`
 * an author declared (docs/content.md "How long the staff course takes" gives the sources):
 * - everything a learner reads (screen titles and text, quoted policy wording, stems, every option,
 *   the feedback shown, branching consequences and endings, the acknowledgement) at the rate of an
 *   adult reading to learn;
 * - a fixed time per step of the player (to press Next and find one's place on the new step);
 * - a fixed time per decision (an answer, a branching choice, a sort card, a reflection's ticks),
 *   to weigh the options, on top of reading them.
 * A question is counted as answered right (the median first completion passes, so it gets most
 * right); the collapsed "feedback on every option" is not counted.
 */
export const TIMING = {
  /** Reading to learn (Carver's "learning" rate); below the adult non-fiction mean of 238 (Brysbaert 2019). */
  wordsPerMinute: 200,
  secondsPerStep: 5,
  secondsPerDecision: 10,
} as const;

/** What a piece of content asks of the learner; `minutes` follows from the three counts. */
export interface Effort {
  words: number;
  /** Player steps: screens, question and feedback steps, branching consequences, result, acknowledgement. */
  steps: number;
  decisions: number;
}

export interface ModuleTiming extends Effort {
  kind: Module['kind'];
  /** The author's `minutes`, shown to learners as "About N minutes". */
  declared: number;
  /** Minutes estimated from the content, to one decimal place. */
  estimate: number;
  /** Lessons: screens and knowledge checks; graded modules: items drawn, and the bank they come from. */
  screens: number;
  questions: number;
  pool?: number;
}

const NONE: Effort = { words: 0, steps: 0, decisions: 0 };
const add = (...parts: Effort[]): Effort => parts.reduce((a, b) => ({ words: a.words + b.words, steps: a.steps + b.steps, decisions: a.decisions + b.decisions }), NONE);
const scale = (e: Effort, n: number): Effort => ({ words: e.words * n, steps: e.steps * n, decisions: e.decisions * n });

/** Words as the readability counter reads them (placeholders filled, a web address one word). */
export function wordCount(...texts: (string | undefined)[]): number {
  return sentences(texts.filter((t): t is string => t !== undefined)).reduce((n, s) => n + s.length, 0);
}

export function minutesOf(e: Effort): number {
  return e.words / TIMING.wordsPerMinute + (e.steps * TIMING.secondsPerStep + e.decisions * TIMING.secondsPerDecision) / 60;
}

/** One screen as the player shows it, including the policy wording a policyExcerpt quotes. */
export function screenEffort(screen: Screen, quoteText: (clauseId: string) => string | undefined): Effort {
  const shown: (string | undefined)[] = [screen.title, screen.body];
  let decisions = 0;
  switch (screen.kind) {
    case 'keyPoints':
      shown.push(...screen.points);
      break;
    case 'workedExample':
      shown.push(screen.situation, ...screen.steps);
      break;
    case 'whoToTell':
      shown.push(...screen.routes.flatMap((r) => [r.situation, r.contact, r.how, r.phone]));
      break;
    case 'policyExcerpt':
      shown.push(...screen.quote.map(quoteText));
      break;
    case 'reflection':
      shown.push(...screen.choices);
      decisions = 1;
      break;
    case 'text':
      break;
  }
  return { words: wordCount(...shown), steps: 1, decisions };
}

/** One question, answered right: read the stem and every option, decide, read the feedback. */
export function itemEffort(item: Item): Effort {
  switch (item.kind) {
    case 'single': {
      const right = item.options.find((o) => o.correct === true);
      return { words: wordCount(item.stem, ...item.options.map((o) => o.text), right?.feedback), steps: 2, decisions: 1 };
    }
    case 'trueFalse':
      return { words: wordCount(item.stem, 'True False', item.feedback[item.answer ? 'true' : 'false']), steps: 2, decisions: 1 };
    case 'sort':
      return {
        words: wordCount(item.stem, ...item.groups.map((g) => g.label), ...item.cards.flatMap((c) => [c.text, c.feedback])),
        steps: 2,
        decisions: item.cards.length,
      };
    case 'branching':
      return branchingEffort(item);
  }
}

/**
 * A branching scenario, per decision: the prompt and its options, the choice, then what happened
 * and why; at the end, how it ends. Averaged over the paths that reach a best ending (the paths a
 * learner who gets it right takes). Worked out node by node (the number of such paths from each node
 * and their summed effort), so a scenario whose paths branch and rejoin many times costs no more
 * than its nodes; a loop (content:check rejects one) adds no path.
 */
function branchingEffort(item: Extract<Item, { kind: 'branching' }>): Effort {
  const nodes = new Map(item.nodes.map((n) => [n.id, n]));
  const best = new Set(item.endings.filter((e) => e.best === true).map((e) => e.id));
  const endingWords = new Map(item.endings.map((e) => [e.id, wordCount(e.text)]));
  const done = new Map<string, { paths: number; total: Effort }>();
  const open = new Set<string>();
  const fromNode = (node: BranchNode): { paths: number; total: Effort } => {
    const known = done.get(node.id);
    if (known) return known;
    if (open.has(node.id)) return { paths: 0, total: NONE };
    open.add(node.id);
    const asked = wordCount(node.prompt, ...node.options.map((o) => o.text));
    let paths = 0;
    let total = NONE;
    for (const o of node.options) {
      const choice: Effort = { words: asked + wordCount(o.consequence, o.feedback), steps: 2, decisions: 1 };
      if (o.ending !== undefined) {
        if (!best.has(o.ending)) continue;
        paths += 1;
        total = add(total, choice, { words: endingWords.get(o.ending) ?? 0, steps: 0, decisions: 0 });
      } else if (o.next !== undefined) {
        const next = nodes.get(o.next);
        if (!next) continue;
        const rest = fromNode(next);
        paths += rest.paths;
        total = add(total, rest.total, scale(choice, rest.paths));
      }
    }
    open.delete(node.id);
    const result = { paths, total };
    done.set(node.id, result);
    return result;
  };
  const start = nodes.get(item.start);
  const walked = start ? fromNode(start) : { paths: 0, total: NONE };
  if (walked.paths === 0) return { words: wordCount(item.stem), steps: 2, decisions: 1 };
  return add({ ...NONE, words: wordCount(item.stem) }, scale(walked.total, 1 / walked.paths));
}

/** The average item of a pool (what one drawn item costs, before the draw is known). */
export function meanItemEffort(pool: readonly Item[]): Effort {
  if (pool.length === 0) return NONE;
  return scale(add(...pool.map(itemEffort)), 1 / pool.length);
}

/**
 * What a first attempt's draw costs on average. With `everySection`, the draw takes one item from
 * each section first (a random choice of sections when there are more sections than places), so each
 * section weighs the same whatever its number of items; any places left are taken from the whole pool.
 */
export function drawEffort(draw: Draw, pool: readonly Item[]): Effort {
  const count = Math.min(draw.count, pool.length);
  if (count === 0) return NONE;
  if (!draw.everySection) return scale(meanItemEffort(pool), count);
  const bySection = new Map<string, Item[]>();
  for (const item of pool) bySection.set(itemSection(item), [...(bySection.get(itemSection(item)) ?? []), item]);
  const sections = [...bySection.values()];
  const perSection = Math.min(count, sections.length);
  const sectionShare = scale(add(...sections.map(meanItemEffort)), perSection / sections.length);
  return add(sectionShare, scale(meanItemEffort(pool), count - perSection));
}

/**
 * A module: a lesson's screens, knowledge checks and closing result; a graded module's drawn items
 * (on average, from `pool`, the bank its learner draws from), its result and, after an assessment, the
 * acknowledgement of the policy version.
 */
export function moduleEffort(course: BundleCourse, module: Module, pool: readonly Item[], quoteText: (clauseId: string) => string | undefined): Effort {
  const result: Effort = { words: 0, steps: 1, decisions: 0 };
  if (module.kind === 'lesson') {
    return add(...module.screens.map((s) => screenEffort(s, quoteText)), ...(module.questions ?? []).map(itemEffort), result);
  }
  const acknowledge: Effort = module.kind === 'assessment' && course.acknowledgement ? { words: wordCount(course.acknowledgement), steps: 1, decisions: 1 } : NONE;
  return add(module.draw ? drawEffort(module.draw, pool) : NONE, result, acknowledge);
}

export function moduleTiming(course: BundleCourse, module: Module, pool: readonly Item[], quoteText: (clauseId: string) => string | undefined): ModuleTiming {
  const effort = moduleEffort(course, module, pool, quoteText);
  return {
    kind: module.kind,
    declared: module.minutes,
    estimate: round1(minutesOf(effort)),
    words: Math.round(effort.words),
    steps: Math.round(effort.steps),
    decisions: Math.round(effort.decisions),
    screens: module.screens.length,
    questions: module.kind === 'lesson' ? (module.questions?.length ?? 0) : Math.min(module.draw?.count ?? 0, pool.length),
    ...(module.kind === 'lesson' ? {} : { pool: pool.length }),
  };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
