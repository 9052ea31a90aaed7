import { z } from 'zod';

/** Error codes every channel may return; the renderer branches on these, never on messages. */
export const ErrorCode = z.enum([
  'invalid-request', // the payload failed its schema
  'unknown-channel',
  'forbidden', // sender not trusted, or admin area locked
  'locked', // too many failed admin passwords: back-off in force
  'not-found',
  'conflict', // impossible transition, stale sequence number, duplicate
  'not-set-up', // the PC has not been set up yet
  'unavailable', // a dependency (node:sqlite, the data folder) is missing
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({ code: ErrorCode, message: z.string() });
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown by services for expected failures; the dispatcher turns it into an error envelope. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
