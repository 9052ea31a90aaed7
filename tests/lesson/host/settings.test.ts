import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { HOST_SETTINGS } from '@renderer/lesson/host/in-app';

afterEach(() => vi.restoreAllMocks());

describe("the in-app host's scorm-again settings", () => {
  it('are current for scorm-again: creating either API prints no deprecation or other warning', () => {
    const printed: unknown[][] = [];
    for (const method of ['warn', 'error', 'log', 'info'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args));
    new Scorm2004API({ ...HOST_SETTINGS });
    new Scorm12API({ ...HOST_SETTINGS });
    expect(printed).toEqual([]);
  });

  it('commit synchronously and without batching, so main hears every Commit', () => {
    const api = new Scorm2004API({ ...HOST_SETTINGS });
    expect(api.settings.useAsynchronousCommits).toBe(false);
    expect(api.settings.throttleCommits).toBe(false);
    expect(api.settings.lmsCommitUrl).toBe(false);
  });
});
