import { describe, expect, it } from 'vitest';
import { phaseOf, type LessonSnapshot } from '@renderer/lesson/run';
import { drive, drawnIds, staffCourse } from './support';
import { interactions, startSession } from './harness';

/**
 * The players show a step's screen first and record it in the next task (LessonRun's afterScreen):
 * a Next press does not wait for the SCORM setters and the commit. Nothing may be lost by that:
 * the record follows in order, a leave records what is pending first, and the end is at once.
 */
async function started(): Promise<{ s: Awaited<ReturnType<typeof startSession>>; tasks: (() => void)[]; seen: LessonSnapshot[] }> {
  const c = staffCourse();
  const tasks: (() => void)[] = [];
  const s = await startSession({ course: c, moduleId: 'assessment', version: 'scorm2004', drawnIds: drawnIds(c, 'assessment', 'seed-after'), afterScreen: (record) => tasks.push(record) });
  const seen: LessonSnapshot[] = [];
  s.run.onChange((snapshot) => seen.push(snapshot));
  return { s, tasks, seen };
}

const locations = (calls: [string, string][]): string[] => calls.filter(([e]) => e === 'cmi.location').map(([, v]) => v);

describe('a step recorded after its screen (afterScreen)', () => {
  it('shows the step at once, then records it and commits in the task after', async () => {
    const { s, tasks, seen } = await started();
    const before = s.calls.length;
    const sentBefore = s.sent.length;
    drive(s.run, () => 'right', 2);
    // The screen has every state; the LMS has none of them yet.
    expect(seen.length).toBeGreaterThan(0);
    expect(s.calls.length).toBe(before);
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    await s.host.flush();
    // One record of the latest state: both answers, in order, and where the learner is now.
    expect(s.sent.length).toBe(sentBefore + 1);
    expect(interactions(s.last()).map((i) => i.result)).toEqual(['correct', 'correct']);
    const at = s.run.snapshot.context;
    expect(s.last().data['cmi.location']).toBe(s.run.plan.steps[at.index]!.id);
    expect(locations(s.calls.slice(before))).toHaveLength(1);
  });

  it('records a pending step before the suspend when the learner leaves straight after it', async () => {
    const { s, tasks } = await started();
    drive(s.run, () => 'right', 3);
    expect(tasks).toHaveLength(1);
    s.run.leave();
    await s.host.flush();
    const cmi = s.last();
    expect(interactions(cmi)).toHaveLength(3);
    expect(cmi.data['cmi.exit']).toBe('suspend');
    expect(cmi.data['cmi.location']).toBe(s.run.plan.steps[s.run.snapshot.context.index]!.id);
    // The task that comes after finds nothing left to record.
    const calls = s.calls.length;
    tasks.shift()!();
    expect(s.calls.length).toBe(calls);
  });

  it('records the end of the module at once, with every answer', async () => {
    const { s, tasks } = await started();
    drive(s.run, () => 'right');
    expect(phaseOf(s.run.snapshot)).toBe('done');
    expect(s.run.isFinished).toBe(true);
    await s.host.flush();
    expect(s.sent.at(-1)?.kind).toBe('finish');
    expect(interactions(s.last())).toHaveLength(12);
    // Earlier steps' task, run late, writes nothing over the finished record.
    const calls = s.calls.length;
    for (const t of tasks.splice(0)) t();
    expect(s.calls.length).toBe(calls);
  });
});
