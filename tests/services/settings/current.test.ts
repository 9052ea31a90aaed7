import { describe, expect, it } from 'vitest';
import { harnessPerTest } from '../records/helpers';

// SettingsService.current() fills every commit's reply with the Trust's name and policy label. It
// keeps what it read between calls, so these check it never keeps a name the records no longer hold.

const open = harnessPerTest();
const renamed = (at: Date) => ({ k: 'settings.set' as const, at: at.toISOString(), values: { trustName: 'Renamed Academies Trust' } });

describe('the settings a commit reply is filled from', () => {
  it('show a new Trust name as soon as it is saved', () => {
    const h = open();
    const before = h.services.settings.current().trustName;
    h.services.settings.set({ trustName: 'Renamed Academies Trust' });
    expect(before).not.toBe('Renamed Academies Trust');
    expect(h.services.settings.current().trustName).toBe('Renamed Academies Trust');
    expect(h.services.settings.current()).toEqual(h.services.settings.get());
  });

  it('read while the change was still being written, show it once it is committed', () => {
    const h = open();
    let whileWriting = '';
    h.services.records.store.writeBatch((_db, write) => {
      write(renamed(h.now.value));
      whileWriting = h.services.settings.current().trustName;
    });
    // Not committed yet when read: the old name then, the new one from the commit on.
    expect(whileWriting).not.toBe('Renamed Academies Trust');
    expect(h.services.settings.current().trustName).toBe('Renamed Academies Trust');
    h.services.records.store.audit('admin', 'after.rename', {});
    expect(h.services.settings.current().trustName).toBe('Renamed Academies Trust');
  });

  it('keep the name on record when a change is refused and nothing is written', () => {
    const h = open();
    const before = h.services.settings.current().trustName;
    expect(() =>
      h.services.records.store.writeBatch((_db, write) => {
        write(renamed(h.now.value));
        h.services.settings.current();
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(h.services.settings.current().trustName).toBe(before);
    h.services.records.store.audit('admin', 'after.refusal', {});
    expect(h.services.settings.current().trustName).toBe(before);
    expect(h.services.settings.get().trustName).toBe(before);
  });
});
