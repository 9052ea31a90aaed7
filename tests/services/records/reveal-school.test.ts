import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CommitReply } from '@contract/channels/records';
import { answeredCmi, assessmentOf, course, harnessPerTest } from './helpers';

// The commit's reply shows each answered item with its placeholders filled for the learner who
// answered it (their school, the Trust's name and policy label now). Main keeps the filled items
// between commits (host/handlers/reveal.ts): each learner must still see their own school, and a
// renamed Trust at once.

const open = harnessPerTest();

describe("the commit's reply names the learner's own school", () => {
  it('for learners of two schools answering the same item, and the Trust’s new name after it changes', async () => {
    const h = open();
    const schools = ['Mounts Bay Academy', 'Hayle Academy'];
    h.services.settings.set({ schools });
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const withPlaceholder = (p: string) => {
      const found = c.bank.find((i) => i.stem.includes(p));
      if (!found) throw new Error(`the staff bank has no item naming ${p}`);
      return found;
    };
    const schoolItem = withPlaceholder('{school}');
    const trustItem = withPlaceholder('{trust}');

    /** A member of staff at `school` answers `item` (drawn for them) and gets the commit's reply. */
    const answer = async (school: string, n: number, item = schoolItem): Promise<string> => {
      const { learnerId } = await h.call('learners.signIn', { name: `Staff ${n}`, workEmail: `staff${n}@leap.example`, school, role: 'teaching', pin: '246813' });
      const attemptId = randomUUID();
      const s = h.services.settings.get();
      h.services.records.store.write({ k: 'attempt.start', attemptId, learnerId, at: h.now.value.toISOString(), courseId: c.id, moduleId: m.id, contentVersion: c.contentVersion, policyVersionLabel: s.policyVersionLabel, scormVersion: 'scorm2004', drawnItemIds: [item.id] });
      const cmi = answeredCmi(h.bundle, c, m, [item.id], { right: () => true, finished: false });
      const reply: CommitReply = await h.call('attempts.commit', { attemptId, seq: 1, cmi });
      expect(reply.judged.map((j) => j.itemId)).toEqual([item.id]);
      return reply.judged[0]!.item.stem;
    };

    const atMounts = await answer(schools[0]!, 1);
    const atHayle = await answer(schools[1]!, 2);
    const atMountsAgain = await answer(schools[0]!, 3);
    expect(atMounts).toContain('Mounts Bay Academy');
    expect(atMounts).not.toContain('{school}');
    expect(atHayle).toContain('Hayle Academy');
    expect(atHayle).not.toContain('Mounts Bay Academy');
    expect(atMountsAgain).toBe(atMounts);

    const before = await answer(schools[0]!, 4, trustItem);
    expect(before).toContain(h.services.settings.get().trustName);
    h.services.settings.set({ trustName: 'Renamed Academies Trust' });
    const after = await answer(schools[0]!, 5, trustItem);
    expect(after).toContain('Renamed Academies Trust');
    expect(after).not.toBe(before);
  });
});
