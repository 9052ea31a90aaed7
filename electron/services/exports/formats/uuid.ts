import { createHash } from 'node:crypto';

/**
 * RFC 9562 UUIDv5 (SHA-1, name-based) with node:crypto, so the same attempt and sequence always
 * give the same statement id and an LRS treats a re-export as the same statements, not new ones.
 */
export function uuidv5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(namespaceBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A namespace's 16 bytes, read once (an export names the same namespace for every statement). */
const namespaces = new Map<string, Buffer>();
function namespaceBytes(namespace: string): Buffer {
  let ns = namespaces.get(namespace);
  if (ns) return ns;
  ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`UUID namespace must be a UUID, not ${JSON.stringify(namespace)}`);
  if (namespaces.size < 8) namespaces.set(namespace, ns);
  return ns;
}

/** This app's own namespace for statement ids (a fixed random UUID; never change it). */
export const STATEMENT_NAMESPACE = '5b0f6d1e-3a4c-4e8f-9d27-6c1a2b3e4f50';

/** The id of statement number `sequence` of one attempt. */
export const statementId = (attemptId: string, sequence: number): string => uuidv5(`${attemptId}#${sequence}`, STATEMENT_NAMESPACE);
