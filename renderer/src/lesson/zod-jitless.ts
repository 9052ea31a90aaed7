// zod probes `new Function` when it builds its first schema, to decide whether it may compile
// parsers; under the app's CSP (no 'unsafe-eval') the probe is blocked and reported as a CSP
// violation. zod reads its settings from this global, so setting it before any schema module is
// evaluated (this module is the first import of each entry) turns the probe off. No zod import
// here: that would load zod with the first screen.
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...(holder.__zod_globalConfig ?? {}), jitless: true };

export {};
