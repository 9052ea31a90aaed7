import { describe, expect, it } from 'vitest';
import { forbiddenSwitch, forbiddenSwitchMessage } from '@main/switches';

describe('debugging and inspector switches', () => {
  const exe = ['C:\\Program Files\\LEAP\\leap.exe'];
  it('finds each one in every form Chromium or Node reads', () => {
    const caught = [
      '--remote-debugging-port=9222',
      '--remote-debugging-port',
      '--remote-debugging-pipe',
      '--remote-allow-origins=*',
      '--inspect',
      '--inspect=127.0.0.1:9229',
      '--inspect-brk',
      '--inspect-port=0',
      '--inspect-brk-node',
      '--js-flags=--allow-natives-syntax',
      '-remote-debugging-port=9222',
      '--REMOTE-DEBUGGING-PORT=9222',
    ];
    for (const arg of caught) expect(forbiddenSwitch([...exe, arg], 'linux'), arg).toBe(arg);
    expect(forbiddenSwitch([...exe, '/remote-debugging-port=9222'], 'win32')).toBe('/remote-debugging-port=9222');
    expect(forbiddenSwitch([...exe, '--data', 'D:\\LEAP', '--inspect'], 'win32')).toBe('--inspect');
  });

  it('lets the app’s own arguments through, and a path that merely looks like a switch on Linux', () => {
    expect(forbiddenSwitch([...exe, '--data', '/srv/leap', '--setup-file', 'setup.json'], 'linux')).toBeNull();
    expect(forbiddenSwitch([...exe, '--export', 'csv', '--out', '/tmp/inspect.csv'], 'linux')).toBeNull();
    expect(forbiddenSwitch(['/opt/leap/leap', '/inspect'], 'linux')).toBeNull();
  });

  it('says what to do, naming the switch but not its value', () => {
    const m = forbiddenSwitchMessage('--remote-debugging-port=9222');
    expect(m).toContain('--remote-debugging-port');
    expect(m).not.toContain('9222');
    expect(m).toContain('Start the app without it');
  });
});
