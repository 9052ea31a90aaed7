import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { findApi, type ApiWindow } from '@renderer/lesson/scorm/discovery';
import { HOST_SETTINGS } from '@renderer/lesson/host/in-app';

const api2004 = () => new Scorm2004API({ ...HOST_SETTINGS });
const api12 = () => new Scorm12API({ ...HOST_SETTINGS });

describe('SCORM API discovery', () => {
  it('finds API_1484_11 in its own window first', () => {
    const own: ApiWindow = { API_1484_11: api2004(), API: api12() };
    expect(findApi(own)?.version).toBe('scorm2004');
  });

  it('prefers 2004 anywhere in the chain over 1.2 nearer by', () => {
    const top: ApiWindow = { API_1484_11: api2004() };
    const mid: ApiWindow = { API: api12(), parent: top };
    expect(findApi({ parent: mid })?.version).toBe('scorm2004');
  });

  it('walks the parent chain, then the opener chain', () => {
    const lms: ApiWindow = { API: api12() };
    const openerTop: ApiWindow = { parent: lms };
    lms.parent = lms;
    const own: ApiWindow = { parent: { parent: null }, opener: { parent: openerTop } };
    expect(findApi(own)?.version).toBe('scorm12');
  });

  it('ignores look-alikes and windows that throw (cross-origin)', () => {
    const hostile: ApiWindow = {};
    Object.defineProperty(hostile, 'API_1484_11', { get: () => { throw new Error('SecurityError'); } });
    Object.defineProperty(hostile, 'parent', { get: () => { throw new Error('SecurityError'); } });
    expect(findApi({ API: { LMSInitialize: 'not a function' }, parent: hostile })).toBeNull();
  });

  it('stops after seven hops so a loop cannot hang the player', () => {
    const a: ApiWindow = {};
    const b: ApiWindow = { parent: a };
    a.parent = b;
    expect(findApi(a)).toBeNull();
  });
});
