import { describe, expect, it } from 'vitest';
import { interactionId } from '@content/schema';
import { fromScormResponse, SCORM_VERSIONS } from '@content/scorm';
import { planItems } from '@renderer/lesson/plan';
import { phaseOf } from '@renderer/lesson/run';
import { currentItem } from '@renderer/lesson/machine';
import { answer, course, drive, drawnIds, rightAnswer, staffCourse } from './support';
import { interactions, standardProblems, startSession } from './harness';


describe.each(SCORM_VERSIONS)('the player against scorm-again (%s)', (version) => {
  it('records a passed staff assessment: one interaction per answer, score, status, acknowledgement', async () => {
    const c = staffCourse();
    const ids = drawnIds(c, 'assessment', 'seed-pass');
    const s = await startSession({ course: c, moduleId: 'assessment', version, drawnIds: ids });
    // 11 of 12 right: 92%, a pass.
    drive(s.run, (_i, n) => (n === 3 ? 'wrong' : 'right'));
    await s.host.flush();
    const cmi = s.last();
    expect(standardProblems(cmi)).toEqual([]);
    expect(s.sent.at(-1)?.kind).toBe('finish');
    const list = interactions(cmi);
    const items = planItems(s.run.plan);
    expect(list.map((i) => i.id)).toEqual(items.map((i) => interactionId(i)));
    expect(list.filter((i) => i.result === 'correct')).toHaveLength(11);
    expect(list[3]?.result).toBe(version === 'scorm2004' ? 'incorrect' : 'wrong');
    list.forEach((entry, n) => {
      const item = items[n]!;
      if (n !== 3) expect(fromScormResponse(version, item.kind, entry.response)).toBe(rightAnswer(item));
    });
    if (version === 'scorm2004') {
      expect(cmi.data['cmi.completion_status']).toBe('completed');
      expect(cmi.data['cmi.success_status']).toBe('passed');
      expect(cmi.data['cmi.score.raw']).toBe('92');
      expect(cmi.data['cmi.score.scaled']).toBe('0.9167');
      expect(cmi.data['cmi.progress_measure']).toBe('1');
      expect(cmi.data['cmi.exit']).toBe('normal');
      expect(cmi.data['cmi.session_time']).toMatch(/^PT/);
      expect(cmi.data['cmi.interactions.0.description']).toBeTruthy();
      expect(cmi.data['cmi.interactions.0.timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } else {
      expect(cmi.data['cmi.core.lesson_status']).toBe('passed');
      expect(cmi.data['cmi.core.score.raw']).toBe('92');
      expect(cmi.data['cmi.core.score.max']).toBe('100');
      expect(cmi.data['cmi.core.session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}/);
      expect(cmi.data['cmi.interactions.0.time']).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
    expect(s.adapter.errors).toEqual([]);
  });

  it('records a fail with the sections to review, and no acknowledgement step', async () => {
    const c = staffCourse();
    const s = await startSession({ course: c, moduleId: 'assessment', version, drawnIds: drawnIds(c, 'assessment', 'seed-fail') });
    drive(s.run, (_i, n) => (n < 9 ? 'right' : 'wrong'));
    await s.host.flush();
    const cmi = s.last();
    expect(standardProblems(cmi)).toEqual([]);
    if (version === 'scorm2004') {
      expect(cmi.data['cmi.success_status']).toBe('failed');
      expect(cmi.data['cmi.completion_status']).toBe('completed');
      expect(cmi.data['cmi.score.raw']).toBe('75');
    } else {
      expect(cmi.data['cmi.core.lesson_status']).toBe('failed');
      expect(cmi.data['cmi.core.score.raw']).toBe('75');
    }
    expect(s.run.snapshot.context.acknowledged).toBe(false);
  });

  it('a passed assessment left at the acknowledgement is passed but not yet complete', async () => {
    const c = staffCourse();
    const t = await startSession({ course: c, moduleId: 'assessment', version, drawnIds: drawnIds(c, 'assessment', 'seed-ack') });
    for (let i = 0; i < 200 && phaseOf(t.run.snapshot) !== 'acknowledge'; i++) {
      const item = currentItem(t.run.snapshot.context);
      if (phaseOf(t.run.snapshot) === 'question' && item) answer(t.run, rightAnswer(item));
      else t.run.send({ type: 'NEXT' });
    }
    expect(phaseOf(t.run.snapshot)).toBe('acknowledge');
    t.run.leave();
    await t.host.flush();
    const cmi = t.last();
    if (version === 'scorm2004') {
      expect(cmi.data['cmi.success_status']).toBe('passed');
      expect(cmi.data['cmi.completion_status']).toBe('incomplete');
      expect(cmi.data['cmi.exit']).toBe('suspend');
    } else {
      expect(cmi.data['cmi.core.lesson_status']).toBe('incomplete');
      expect(cmi.data['cmi.core.exit']).toBe('suspend');
    }
  });

  it('suspends midway and resumes on the same step with the same items and answers', async () => {
    const c = staffCourse();
    const ids = drawnIds(c, 'assessment', 'seed-resume');
    const first = await startSession({ course: c, moduleId: 'assessment', version, drawnIds: ids });
    drive(first.run, () => 'right', 5);
    const where = first.run.snapshot.context.index;
    const answered = first.run.snapshot.context.answers.map((a) => a.response);
    first.run.leave();
    await first.host.flush();
    const saved = first.last();
    expect(first.sent.at(-1)?.kind).toBe('commit');
    expect(saved.data['cmi.suspend_data']!.length).toBeLessThan(200);

    const second = await startSession({ course: c, moduleId: 'assessment', version, drawnIds: ids, previous: saved });
    expect(second.run.snapshot.context.index).toBe(where);
    expect(second.run.snapshot.context.answers.map((a) => a.response)).toEqual(answered);
    drive(second.run, () => 'right');
    await second.host.flush();
    const cmi = second.last();
    expect(interactions(cmi)).toHaveLength(12);
    expect(standardProblems(cmi)).toEqual([]);
  });

  it('runs a pupil lesson with no pass/fail: completed, no success status', async () => {
    const c = course('pupils-ks1');
    const mod = c.modules[0]!;
    const s = await startSession({ course: c, moduleId: mod.id, version, drawnIds: [] });
    drive(s.run, (_i, n) => (n % 2 === 0 ? 'right' : 'wrong'));
    await s.host.flush();
    const cmi = s.last();
    expect(standardProblems(cmi)).toEqual([]);
    if (version === 'scorm2004') {
      expect(cmi.data['cmi.completion_status']).toBe('completed');
      expect(cmi.data['cmi.success_status'] ?? 'unknown').toBe('unknown');
    } else {
      expect(cmi.data['cmi.core.lesson_status']).toBe('completed');
    }
  });
});
