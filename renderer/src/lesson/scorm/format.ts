import { deriveAnswerKey, type Item } from '../../../../content/schema';

export type ScormVersion = 'scorm2004' | 'scorm12';

/**
 * How each item kind crosses into each SCORM version. The neutral response (content/schema) is
 * `a`, `true`, `c1.g2,c2.g1` or `n1.a,n2.c`; SCORM 2004 writes the delimiters as `[,]` and `[.]`
 * (a branching walk: `n1.a[,]n2.c`, the node.option steps themselves keep their dot),
 * SCORM 1.2 writes true/false as t/f. Main reverses exactly these rules to re-score
 * (docs/interfaces.md "SCORM response encodings").
 */
export function interactionType(version: ScormVersion, item: Item): string {
  switch (item.kind) {
    case 'single':
      return 'choice';
    case 'trueFalse':
      return 'true-false';
    case 'sort':
      return 'matching';
    case 'branching':
      // A walk through decisions is a sequence of choices: 2004's `sequencing` (ids joined by [,]);
      // 1.2's sequencing allows single characters only, so 1.2 uses `performance` (free text).
      return version === 'scorm2004' ? 'sequencing' : 'performance';
  }
}

export function toScormResponse(version: ScormVersion, kind: Item['kind'], neutral: string): string {
  if (kind === 'trueFalse' && version === 'scorm12') return neutral === 'true' ? 't' : 'f';
  if (version === 'scorm2004' && kind === 'sort') return neutral.split(',').map((p) => p.replace('.', '[.]')).join('[,]');
  if (version === 'scorm2004' && kind === 'branching') return neutral.split(',').join('[,]');
  return neutral;
}

export function fromScormResponse(version: ScormVersion, kind: Item['kind'], text: string): string {
  if (kind === 'trueFalse' && version === 'scorm12') return text === 't' || text === '1' ? 'true' : text === 'f' || text === '0' ? 'false' : text;
  if (version === 'scorm2004' && kind === 'sort') return text.split('[,]').map((p) => p.replace('[.]', '.')).join(',');
  if (version === 'scorm2004' && kind === 'branching') return text.split('[,]').join(',');
  return text;
}

/** The shortest walk to a best ending: the one correct pattern a branching item can report. */
function bestPath(item: Extract<Item, { kind: 'branching' }>): string {
  const best = new Set(item.endings.filter((e) => e.best === true).map((e) => e.id));
  const queue: { node: string; path: string[] }[] = [{ node: item.start, path: [] }];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { node, path } = queue.shift() ?? { node: '', path: [] };
    if (seen.has(node)) continue;
    seen.add(node);
    for (const opt of item.nodes.find((n) => n.id === node)?.options ?? []) {
      const next = [...path, `${node}.${opt.id}`];
      if (opt.ending !== undefined && best.has(opt.ending)) return next.join(',');
      if (opt.next !== undefined) queue.push({ node: opt.next, path: next });
    }
  }
  return '';
}

/** The neutral correct response of an item (what a learner would answer to be right). */
export function correctNeutral(item: Item): string {
  const key = deriveAnswerKey(item);
  switch (key.kind) {
    case 'single':
      return key.correct;
    case 'trueFalse':
      return String(key.correct);
    case 'sort':
      return item.kind === 'sort' ? item.cards.map((c) => `${c.id}.${c.group}`).join(',') : '';
    case 'branching':
      return item.kind === 'branching' ? bestPath(item) : '';
  }
}

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, '0');

/** SCORM 2004 timeinterval (ISO 8601 duration), e.g. PT1M3.5S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`;
}

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours 2–4 digits). */
export function cmiTimespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  return `${pad(h, 4)}:${pad(m)}:${pad(s)}.${pad(frac)}`;
}

/** SCORM 2004 time (second precision, local time without zone as most LMSs expect). */
export function isoTimestamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** SCORM 1.2 CMITime, HH:MM:SS. */
export const cmiTime = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** A description fits 2004's localized_string (SPM 250). */
export const describe = (text: string): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= 250 ? one : `${one.slice(0, 249)}…`;
};
