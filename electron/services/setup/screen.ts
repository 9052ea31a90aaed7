import type { SetupRequest } from '@contract/channels/setup';
import { ServiceError } from '@contract/result';
import { hashPassword, passwordProblem, type AdminService, type AdminStatus } from '../admin';
import { applySetup, type SetupWriter } from './apply';

/** What the set-up screen needs: the admin session to open, the records to write, the time. */
export interface ScreenSetupDeps {
  admin: AdminService;
  records: { store: SetupWriter };
  clock: () => Date;
}

const inFlight = new WeakSet<AdminService>();

/** The set-up screen: hash the new password in main, write settings and the admin row, unlock. */
export async function completeSetupByScreen(s: ScreenSetupDeps, request: SetupRequest): Promise<AdminStatus> {
  if (s.admin.isSetUp()) throw new ServiceError('conflict', 'This computer is already set up; sign in to the admin area to change settings.');
  const problem = passwordProblem(request.adminPassword);
  if (problem) throw new ServiceError('invalid-request', `adminPassword: ${problem}`);
  // The hash takes about a second; a double click must not set the PC up twice.
  if (inFlight.has(s.admin)) throw new ServiceError('conflict', 'Set-up is already in progress.');
  inFlight.add(s.admin);
  try {
    const hash = await hashPassword(request.adminPassword);
    applySetup(
      s.records.store,
      {
        trustName: request.trustName,
        schools: request.schools,
        policyVersionLabel: request.policyVersionLabel,
        adminPasswordHash: hash,
      },
      s.clock(),
      'set-up screen',
    );
  } finally {
    inFlight.delete(s.admin);
  }
  // The password was typed a moment ago: open the admin area without hashing it a second time.
  s.admin.beginSessionAfterSetup();
  return s.admin.status();
}
