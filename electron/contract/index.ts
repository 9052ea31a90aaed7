import type { z } from 'zod';
import { appChannels } from './channels/app';
import { settingsChannels } from './channels/settings';
import { adminChannels } from './channels/admin';
import { setupChannels } from './channels/setup';
import { dashboardChannels } from './channels/dashboard';
import { recordsChannels } from './channels/records';
import { contentChannels } from './channels/content';
import { exportsChannels } from './channels/exports';
import { complianceChannels } from './channels/compliance';
import { requestsChannels } from './channels/requests';
import { lrsChannels } from './channels/lrs';
import { recordsFileChannels } from './channels/records-file';
import { classesChannels } from './channels/classes';
import { peopleChannels } from './channels/people';
import type { AppEvent } from './events';
import type { Result } from './result';
import type { Access } from './access';
import type { EarlyChannel } from './ipc';

export * from './result';
export * from './access';
export * from './events';
export * from './ipc';
export * from './channels/app';
export * from './channels/settings';
export * from './channels/admin';
export * from './channels/setup';
export * from './channels/dashboard';
export * from './channels/records';
export * from './channels/content';
export * from './channels/exports';
export * from './channels/compliance';
export * from './channels/requests';
export * from './channels/lrs';
export * from './channels/records-file';
export * from './channels/classes';
export * from './channels/people';

/** A channel: who may call it, and the zod schemas of its request and reply. */
export type ChannelDef = { access: Access; request: z.ZodType; reply: z.ZodType };

/**
 * Every channel the renderer may call, with its access and the zod schema of its request and reply.
 * Domains keep their channels in ./channels/<domain>.ts and are merged here; a channel without an
 * access declaration does not compile.
 */
export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...adminChannels,
  ...setupChannels,
  ...dashboardChannels,
  ...recordsChannels,
  ...contentChannels,
  ...exportsChannels,
  ...complianceChannels,
  ...requestsChannels,
  ...lrsChannels,
  ...recordsFileChannels,
  ...classesChannels,
  ...peopleChannels,
} as const satisfies Record<string, ChannelDef>;

export type Channel = keyof typeof channels;
/** What a caller sends (before defaults are applied). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** What a handler receives (after parsing). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ReplyOf<C extends Channel> = z.output<(typeof channels)[C]['reply']>;

export const channelNames = Object.keys(channels) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** The one object the renderer sees, over IPC in the app and over fetch in the preview. */
export interface Api {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ReplyOf<C>>>;
  /** Pushes from main (close handshake, export progress); returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * The reply to an early channel that the bridge asked for as the page started (EARLY_CHANNELS),
   * given once; undefined after that, or for a page that started without it: ask with invoke.
   */
  early<C extends EarlyChannel>(channel: C): Promise<Result<ReplyOf<C>>> | undefined;
}

