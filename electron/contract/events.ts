import { z } from 'zod';

/** Messages main pushes to the renderer. */
export const AppEvent = z.discriminatedUnion('type', [
  /** The window is closing: the player must send its final commit, then call app.closeReady. */
  z.object({ type: z.literal('app.closing') }),
  z.object({
    type: z.literal('export.progress'),
    exportId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
]);
export type AppEvent = z.infer<typeof AppEvent>;
