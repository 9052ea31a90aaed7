import { describe, expect, it } from 'vitest';
import { hashPassword, hashProblem, parseHash, passwordProblem, verifyPassword } from '@services/admin/password';

describe('admin password hashing (scrypt N=2^17, r=8, p=1)', () => {
  it('stores the parameters, a random salt and a 32-byte key, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('three random words here'), hashPassword('three random words here')]);
    expect(a).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(a).not.toBe(b); // a fresh salt each time
    expect(parseHash(a).key).toHaveLength(32);
    expect(parseHash(a).salt.length).toBeGreaterThanOrEqual(16);
    expect(await verifyPassword('three random words here', a)).toBe(true);
    expect(await verifyPassword('three random words herE', a)).toBe(false);
  });

  it('explains what is wrong with a hash that was not written by this app', () => {
    expect(hashProblem('hunter2')).toMatch(/must look like \$scrypt\$ln=17/);
    const weak = `$scrypt$ln=14,r=8,p=1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
    expect(hashProblem(weak)).toMatch(/found ln=14/);
    const shortKey = `$scrypt$ln=17,r=8,p=1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(24).toString('base64')}`;
    expect(hashProblem(shortKey)).toMatch(/key of 24 bytes/);
  });

  it('asks for length, not composition', () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('            ')).toMatch(/empty or only spaces/);
    expect(passwordProblem('line\nbreak in password')).toMatch(/control characters/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('all lower case words')).toBeNull();
  });
});
