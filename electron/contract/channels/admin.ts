import { z } from 'zod';
import { ACCESS } from '../access';

export const AdminStatus = z.strictObject({
  setUp: z.boolean(),
  unlocked: z.boolean(),
  lockedForMs: z.int().nonnegative(),
  failures: z.int().nonnegative(),
  unlockedUntil: z.string().nullable(),
});
export type AdminStatus = z.infer<typeof AdminStatus>;

/** A password as typed: any text; the rules for a new one are checked in main (admin/password.ts). */
export const PasswordInput = z.string({ error: 'password must be text' }).min(1, 'password is empty').max(1024, 'password is too long');

const Empty = z.strictObject({});

export const adminChannels = {
  /** Public: whether the PC is set up, and whether the admin area is unlocked or locked out. */
  'admin.status': { access: ACCESS.public, request: Empty, reply: AdminStatus },
  'admin.unlock': { access: ACCESS.adminSignIn, request: z.strictObject({ password: PasswordInput }), reply: AdminStatus },
  'admin.lock': { access: ACCESS.public, request: Empty, reply: AdminStatus },
  'admin.changePassword': {
    access: ACCESS.admin,
    request: z.strictObject({ currentPassword: PasswordInput, newPassword: PasswordInput }),
    reply: AdminStatus,
  },
  /** A set-up file for other PCs: this PC's settings and the admin password's hash. */
  'admin.setupFile': {
    access: ACCESS.admin,
    request: Empty,
    reply: z.strictObject({ fileName: z.string(), text: z.string() }),
  },
} as const;
