// Kept apart from the schemas so the sandboxed preload bundles these names and nothing else.
import type { Channel } from './index';

/** The single IPC channel; the dispatcher routes by contract channel name. */
export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
/**
 * The largest request the browser preview's HTTP transport reads (its JSON body); a larger one is
 * answered 413. IPC has no byte limit of its own: Electron hands main a structured clone, and the
 * contract's schemas bound every field (the largest valid requests, an upload of
 * RECORDS_UPLOAD_MAX_BYTES as base64 and a cmi at CMI_LIMITS.commitBytes, fit well under this;
 * tests/electron/host/preview-limits.test.ts), so both transports refuse the same things.
 */
export const MAX_REQUEST_BYTES = 1_000_000;

/**
 * The first screen's questions (issue 19 item 6): the bridge (the preload, or the preview's
 * stand-in) asks them as the page starts, before the page's own scripts run, so the answers are
 * in when public/boot.js wants them. Neither takes a request field.
 */
export const EARLY_CHANNELS = ['setup.status', 'app.info'] as const satisfies readonly Channel[];
export type EarlyChannel = (typeof EARLY_CHANNELS)[number];
