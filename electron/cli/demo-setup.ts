import { randomBytes } from 'node:crypto';
import type { App } from '../host/compose';
import { hashPassword } from '../services/admin';
import { applySetup } from '../services/setup';

/** The demo Trust's schools: the demo learners are spread over them. */
export const DEMO_SCHOOLS = ['Mounts Bay Academy', 'Hayle Academy', 'Penryn Primary'] as const;

/**
 * Sets up a data folder as the demo Trust with a fresh random administrator password, which it
 * returns for the caller to print (main refuses learners on a PC not set up, so demo learners
 * need a set-up PC). Shared by `npm run demo` and `npm run web -- --demo`. (Not through
 * cli/setup.ts: bundled into one file, as the crash test bundles the demo, that module's own
 * `require.main === module` would start the set-up command too.)
 */
export async function setUpDemoTrust(started: App, by: string): Promise<string> {
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  applySetup(started.services.records.store, { trustName: 'Leading Edge Academies Partnership (demo)', schools: [...DEMO_SCHOOLS], policyVersionLabel: '0.1', adminPasswordHash: await hashPassword(password) }, started.services.clock(), by);
  return password;
}
