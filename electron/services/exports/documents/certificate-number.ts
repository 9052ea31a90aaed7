/**
 * A certificate's number: the first 48 bits of its pass attempt's id (a random UUID), in Crockford's
 * base32 (no I, L, O or U, so it reads aloud and types back without confusion), with a Luhn mod 32
 * check character, as `XXXXX-XXXXX-C`. The same pass always gives the same number; the
 * administrator types it into the admin area to find that pass on this PC.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function luhn32(chars: string): string {
  let sum = 0;
  [...chars].reverse().forEach((c, i) => {
    let v = ALPHABET.indexOf(c) * (i % 2 === 0 ? 2 : 1);
    v = Math.floor(v / 32) + (v % 32);
    sum += v;
  });
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

export function certificateNumber(attemptId: string): string {
  const hex = attemptId.replace(/-/g, '').slice(0, 12);
  if (!/^[0-9a-f]{12}$/i.test(hex)) throw new Error(`not an attempt id: ${attemptId}`);
  let n = BigInt(`0x${hex}`);
  let body = '';
  for (let i = 0; i < 10; i++) {
    body = ALPHABET[Number(n % 32n)]! + body;
    n /= 32n;
  }
  return `${body.slice(0, 5)}-${body.slice(5)}-${luhn32(body)}`;
}

/**
 * The attempt-id prefix (`xxxxxxxx-xxxx`) a typed number stands for, or null when it is not a
 * certificate number (wrong length, letters not used, a typing slip the check character catches).
 * Spaces, hyphens and case do not matter; O is read as 0 and I or L as 1.
 */
export function attemptPrefixOf(typed: string): string | null {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{11}$/.test(chars)) return null;
  const body = chars.slice(0, 10);
  if (luhn32(body) !== chars[10]) return null;
  let n = 0n;
  for (const c of body) n = n * 32n + BigInt(ALPHABET.indexOf(c));
  if (n >= 1n << 48n) return null;
  const hex = n.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}`;
}
