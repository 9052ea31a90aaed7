import type { LmsFailure } from '@renderer/lesson/lms/lms-api';
import type { ModuleView, SaveHealth } from '@renderer/lesson/lms/course-session';

/** The LMS's answer in words a learner can quote to whoever runs the LMS. */
export function failureDetail(f: LmsFailure): string {
  const what = f.call === 'SetValue' && f.element ? `Saving ${f.element}` : f.call;
  if (f.thrown) return `${what} broke inside the LMS's own script: ${f.text}`;
  return `${what} was refused with SCORM error ${f.code || '(none given)'}${f.text ? ` (${f.text})` : ''}`;
}

/** The short line beside the lesson's progress: never "Saved" unless the LMS accepted the save. */
export function saveLabel(h: SaveHealth): string | null {
  switch (h.kind) {
    case 'ok':
      return h.saved ? 'Saved in your LMS' : null;
    case 'review':
      return 'Review: not recorded';
    case 'deferred':
      return 'Answers sent; the rest is sent when you leave';
    case 'not-recording':
    case 'failing':
      return 'Not saved';
  }
}

const pct = (n: number): string => `${n}%`;

/** What the course menu says about one module, and what it offers. */
export function moduleLine(v: ModuleView, passPercent: number | null): { status: string; actions: ('start' | 'continue' | 'review' | 'result' | 'retake')[] } {
  const r = v.record;
  if (!r) return v.inProgress ? { status: 'In progress', actions: ['continue'] } : { status: 'Not started', actions: ['start'] };
  switch (r.kind) {
    case 'completed':
      return { status: 'Completed', actions: ['review'] };
    case 'passed':
      return { status: `Passed (${pct(r.percent)})`, actions: v.hasSaved ? ['result'] : [] };
    case 'awaiting-ack':
      return { status: `Passed (${pct(r.percent)}): acknowledge the policy to complete it`, actions: ['continue'] };
    case 'failed': {
      const mark = passPercent !== null ? `; the pass mark is ${pct(passPercent)}` : '';
      if (v.inProgress) return { status: `Not passed (${pct(r.percent)}${mark}); a new try is under way`, actions: ['continue'] };
      return { status: `Not passed (${pct(r.percent)}${mark})`, actions: v.hasSaved ? ['result', 'retake'] : ['retake'] };
    }
  }
}

export const ACTION_LABEL = { start: 'Start', continue: 'Continue', review: 'Review', result: 'See your result', retake: 'Try again' } as const;
