import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * OWASP's scrypt parameters (N=2^17, r=8, p=1). They need 128 MiB, above Node's 32 MiB default,
 * so maxmem is raised to 256 MiB; the call is async so main's event loop never stalls on it.
 */
export const SCRYPT = { logN: 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
const MAXMEM = 256 * 1024 * 1024;

/** The stored form, PHC style: `$scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>`. */
const HASH_RE = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,}={0,2})\$([A-Za-z0-9+/]{32,}={0,2})$/;

export interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export const PASSWORD_RULES = {
  minLength: 12,
  maxLength: 256,
} as const;

/** Length is what makes a password strong (NCSC: three random words); no composition rules. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (password.trim().length === 0) return 'The password must not be empty or only spaces.';
  if (length < PASSWORD_RULES.minLength) {
    return `The password must be at least ${PASSWORD_RULES.minLength} characters (three random words work well).`;
  }
  if (length > PASSWORD_RULES.maxLength) return `The password must be at most ${PASSWORD_RULES.maxLength} characters.`;
  if ([...password].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'The password must not contain control characters (tabs, line breaks).';
  return null;
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: MAXMEM };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Explains what is wrong with a stored hash, or returns null when it is well formed. */
export function hashProblem(hash: string): string | null {
  const m = HASH_RE.exec(hash);
  if (!m) return 'must look like $scrypt$ln=17,r=8,p=1$<salt>$<key> (write it with `npm run setup` or the admin screen)';
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN !== SCRYPT.logN || r !== SCRYPT.r || p !== SCRYPT.p) {
    return `must use the scrypt parameters ln=${SCRYPT.logN}, r=${SCRYPT.r}, p=${SCRYPT.p} (found ln=${logN}, r=${r}, p=${p})`;
  }
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < SCRYPT.saltLength) return `has a salt of ${salt.length} bytes; at least ${SCRYPT.saltLength} are needed`;
  if (key.length !== SCRYPT.keyLength) return `has a key of ${key.length} bytes; ${SCRYPT.keyLength} are expected`;
  return null;
}

export function parseHash(hash: string): ParsedHash {
  const problem = hashProblem(hash);
  const m = HASH_RE.exec(hash);
  if (problem || !m) throw new Error(`The admin password hash ${problem ?? 'is malformed'}`);
  return {
    logN: Number(m[1]),
    r: Number(m[2]),
    p: Number(m[3]),
    salt: Buffer.from(m[4]!, 'base64'),
    key: Buffer.from(m[5]!, 'base64'),
  };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await derive(password, salt, SCRYPT.logN, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return `$scrypt$ln=${SCRYPT.logN},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time comparison of the derived key; a wrong password costs as long as a right one. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  const key = await derive(password, parsed.salt, parsed.logN, parsed.r, parsed.p, parsed.key.length);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
