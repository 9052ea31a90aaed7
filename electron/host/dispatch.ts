import { channels, isChannel, ServiceError, type Channel, type ParsedRequestOf, type ReplyOf, type Result } from '../contract';
import type { AccessCheck } from './access';
import type { SignedIn } from '../services/records';

/** Who is calling: the transport has already checked the sender; handlers may still care which. */
export interface CallContext {
  transport: 'ipc' | 'http';
}

/**
 * What the access check established, handed to the handler: a channel with access 'staff' gets the
 * member of staff it admitted (class mode needs the teacher's id), so no handler checks the session.
 */
export type CallerOf<C extends Channel> = (typeof channels)[C]['access'] extends 'staff' ? { staff: SignedIn } : object;

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  context: CallContext & CallerOf<C>,
) => ReplyOf<C> | Promise<ReplyOf<C>>;

/** One handler per channel: the compiler refuses a table that misses one. */
export type HandlerTable = { [C in Channel]: Handler<C> };

export type Dispatch = (channel: unknown, payload: unknown, context: CallContext) => Promise<Result<unknown>>;

const describeIssues = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(request)'}: ${i.message}`)
    .join('; ');

/**
 * The one door into the services, shared by IPC and the preview's HTTP transport: look up the
 * channel, parse the payload with its schema, check the channel's declared access (contract
 * access.ts), call the handler, check the reply, wrap in an envelope. No handler runs for a caller
 * its channel does not admit. Nothing a caller sends can crash main; every failure is a typed error.
 */
export function createDispatch(handlers: HandlerTable, checkAccess: AccessCheck, log: (msg: string, err: unknown) => void = () => {}): Dispatch {
  return async (channel, payload, context) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `No such channel: ${String(channel).slice(0, 80)}` } };
    }
    const def = channels[channel];
    const parsed = def.request.safeParse(payload ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${describeIssues(parsed.error.issues)}` } };
    }
    try {
      const { learner } = checkAccess(def.access, parsed.data);
      if (def.access === 'staff' && learner?.kind !== 'staff') throw new ServiceError('internal', `${channel}: access 'staff' admitted no member of staff`);
      const handler = handlers[channel] as (req: unknown, ctx: CallContext & { staff?: SignedIn }) => unknown;
      const value = await handler(parsed.data, def.access === 'staff' ? { ...context, staff: learner ?? undefined } : context);
      const checked = def.reply.safeParse(value);
      if (!checked.success) {
        log(`${channel}: reply failed its schema`, checked.error);
        return { ok: false, error: { code: 'internal', message: `${channel}: the app produced an invalid reply` } };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (err instanceof ServiceError) return { ok: false, error: { code: err.code, message: err.message } };
      if (err instanceof Error && err.name === 'ZodError') {
        return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${err.message}` } };
      }
      log(`${channel}: unexpected failure`, err);
      return { ok: false, error: { code: 'internal', message: `${channel} failed unexpectedly; the details are in the app log` } };
    }
  };
}
