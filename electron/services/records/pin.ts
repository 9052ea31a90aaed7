import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Learner PINs are hashed with scrypt in main. A 4-digit PIN has only 10,000 values, so the cost
 * factor cannot make an offline guess slow (10,000 tries at any cost a sign-in can afford is hours);
 * what protects a record is the lock-out after repeated failures (PIN_LOCK_*) and the database
 * staying on the school PC. So the cost is kept low (about 0.1 s on a slow PC) and staff signing in
 * one after another are not kept waiting. The parameters are stored in each hash, so they can rise
 * later without breaking existing PINs.
 */
export const PIN_SCRYPT = { N: 2 ** 13, r: 8, p: 1, keyLength: 32, maxmem: 32 * 1024 * 1024 } as const;
export const PIN_LOCK_AFTER = 5;
export const PIN_LOCK_MINUTES = 5;

function derive(pin: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, keyLength, { N, r, p, maxmem: PIN_SCRYPT.maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = PIN_SCRYPT;
  const key = await derive(pin, salt, N, r, p, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
