import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Learner PINs are hashed with scrypt in main. A PIN has few values (a million at 6 digits), so the
 * cost factor cannot make an offline guess slow; what protects a record is the lock-out after
 * repeated failures (pinLockMs), checks made one at a time per learner (pin-guard.ts), and the
 * database staying on the school PC. So the cost is kept low (about 0.1 s on a slow PC) and staff
 * signing in one after another are not kept waiting. The parameters are stored in each hash, so
 * they can rise later without breaking existing PINs.
 */
export const PIN_SCRYPT = { N: 2 ** 13, r: 8, p: 1, keyLength: 32, maxmem: 32 * 1024 * 1024 } as const;
/** Wrong PINs in a row before the PIN locks. */
export const PIN_LOCK_AFTER = 5;
export const PIN_FIRST_LOCK_MINUTES = 5;
export const PIN_LONGEST_LOCK_MINUTES = 60;
/**
 * A PIN chosen now (first sign-in, an administrator's reset) has 6 to 8 digits. PINs chosen before
 * this rule may have 4 or 5 and keep working: the sign-in accepts 4 to 8 digits.
 */
export const NEW_PIN_DIGITS = { min: 6, max: 8 } as const;
export const NEW_PIN_RE = /^\d{6,8}$/;

/**
 * How long a PIN stays locked after `failures` wrong PINs in a row: nothing before the fifth, then
 * 5 minutes, doubling with each further failure (after the lock ends), at most an hour, as the
 * administrator's password does. A right PIN or an administrator's reset starts the count again.
 */
export function pinLockMs(failures: number): number {
  if (failures < PIN_LOCK_AFTER) return 0;
  return Math.min(PIN_FIRST_LOCK_MINUTES * 2 ** (failures - PIN_LOCK_AFTER), PIN_LONGEST_LOCK_MINUTES) * 60_000;
}

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
