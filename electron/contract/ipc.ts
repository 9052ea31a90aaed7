// Kept apart from the schemas so the sandboxed preload bundles these names and nothing else.
/** The single IPC channel; the dispatcher routes by contract channel name. */
export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
