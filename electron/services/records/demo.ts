import { interactionId, type AnswerKeyEntry, type Bundle, type BundleCourse, type Item, type Module } from '@content/schema';
import { seededRandom } from '@content/schema/draw';
import { correctResponse, ELEMENTS, EXIT, interactionElements, shortestWalk, type Cmi } from '@content/scorm';

/**
 * Realistic learner behaviour for `npm run demo`: who signs in, which modules they open, how they
 * answer, when they commit. Pure and seeded; the CLI sends what this produces through the real
 * dispatcher, so demo data takes exactly the path a learner's data takes.
 */

const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack', 'Kai', 'Leah', 'Mo', 'Nia', 'Oscar', 'Priya', 'Quinn', 'Ruby', 'Sam', 'Tariq'];
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fisher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Moore', 'Nowak', 'Owen', 'Patel'];
const ROLES = ['teaching', 'support', 'volunteer', 'leader', 'account-runner'] as const;
const CLASSES = ['Oak', 'Ash', 'Birch', 'Willow', 'Rowan'];

export type Rng = () => number;
export const rng = (seed: string): Rng => seededRandom(seed);
export const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

export function demoStaff(r: Rng, tag: string, schools: readonly string[]) {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const useEmail = r() < 0.8;
  return {
    name: `${first} ${last}`,
    ...(useEmail ? { workEmail: `${first}.${last}.${tag}@demo.school.uk`.toLowerCase() } : { staffId: `D-${tag}` }),
    school: pick(r, schools),
    role: pick(r, ROLES),
    pin: String(100000 + Math.floor(r() * 900000)),
  };
}

export function demoPupil(r: Rng, bands: readonly ('ks1' | 'ks2' | 'ks3' | 'ks4')[]) {
  return {
    firstName: pick(r, FIRST),
    initial: String.fromCharCode(65 + Math.floor(r() * 26)),
    className: `${pick(r, CLASSES)} ${1 + Math.floor(r() * 6)}`,
    band: pick(r, bands),
  };
}

/** A neutral response to an item, right or wrong as asked (wrong where the item allows it). */
export function demoResponse(r: Rng, key: AnswerKeyEntry, item: Item | undefined, right: boolean): string {
  switch (key.kind) {
    case 'single': {
      const others = (item?.kind === 'single' ? item.options.map((o) => o.id) : ['a', 'b', 'c']).filter((id) => id !== key.correct);
      return right || others.length === 0 ? key.correct : pick(r, others);
    }
    case 'trueFalse':
      return String(right ? key.correct : !key.correct);
    case 'sort': {
      const cards = Object.keys(key.correct);
      const groups = [...new Set(Object.values(key.correct))];
      const wrongCard = right ? null : pick(r, cards);
      return cards
        .map((c) => {
          const g = key.correct[c] ?? '';
          return `${c}.${c === wrongCard ? (groups.find((x) => x !== g) ?? g) : g}`;
        })
        .join(',');
    }
    case 'branching':
      return (shortestWalk(key, right) ?? shortestWalk(key, !right) ?? []).join(',');
  }
}

export interface DemoAnswer {
  itemId: string;
  clauseIds: string[];
  kind: AnswerKeyEntry['kind'];
  neutral: string;
  /** The neutral right answer (the interaction's correct pattern). */
  correctResponse: string;
  right: boolean;
  latencyMs: number;
}

/** Adds one answer as interaction n, exactly as the player sets it (content/scorm). */
export function addInteraction(cmi: Cmi, n: number, a: DemoAnswer): void {
  const facts = { id: interactionId({ itemId: a.itemId, clauseIds: a.clauseIds }), kind: a.kind, response: a.neutral, correctResponse: a.correctResponse, correct: a.right, latencyMs: a.latencyMs };
  for (const [element, value] of interactionElements(cmi.version, n, facts)) cmi.data[element] = value;
}

/** The items an attempt presents, looked up from the ids main drew. */
export function itemsOf(course: BundleCourse, module: Module, ids: readonly string[]): Item[] {
  const all = new Map([...course.bank, ...(module.questions ?? [])].map((i) => [i.id, i]));
  return ids.map((id) => all.get(id)).filter((i): i is Item => i !== undefined);
}

/** How one learner answers: skill decides how often they are right; a few rush (implausibly fast). */
export function demoAnswers(r: Rng, bundle: Bundle, items: readonly Item[], skill: number, rush: boolean): DemoAnswer[] {
  return items.flatMap((item) => {
    const key = bundle.answerKey[item.id];
    if (!key) return [];
    const right = r() < skill;
    return [
      {
        itemId: item.id,
        clauseIds: key.clauseIds,
        kind: key.kind,
        neutral: demoResponse(r, key, item, right),
        correctResponse: correctResponse(key),
        right,
        latencyMs: rush ? 200 + Math.floor(r() * 500) : 4000 + Math.floor(r() * 40000),
      },
    ];
  });
}

/** The status elements a player sets when a learner leaves (suspend) or finishes. */
export function setProgress(cmi: Cmi, answered: number, total: number, finished: boolean, claimPass: boolean | null): void {
  const d = cmi.data;
  const names = ELEMENTS[cmi.version];
  d[names.location] = `q${answered}`;
  d[names.suspendData] = JSON.stringify({ at: answered });
  d[names.exit] = EXIT[cmi.version][finished ? 'normal' : 'suspend'];
  if (cmi.version === 'scorm2004') {
    d['cmi.completion_status'] = finished ? 'completed' : 'incomplete';
    d['cmi.progress_measure'] = total ? String(Math.round((answered / total) * 100) / 100) : '1';
    if (claimPass !== null) d['cmi.success_status'] = claimPass ? 'passed' : 'failed';
  } else {
    d['cmi.core.lesson_status'] = claimPass === null ? (finished ? 'completed' : 'incomplete') : claimPass ? 'passed' : 'failed';
  }
}
