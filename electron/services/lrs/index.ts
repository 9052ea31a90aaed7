/** Sending finished staff attempts to the Trust's xAPI LRS (docs/it-many-pcs.md). */
export { LrsService, type LrsServiceOptions, type LrsStatus } from './service';
export { CredentialStore, SEALED_FILE, KEY_FILE_MAX_BYTES, readKeyFileText, type Credentials, type SecretBox } from './credentials';
export { LrsSender, type SyncReport, type SyncOutcome } from './sender';
export { checkEndpoint, parseKeyFile, type LrsTarget } from './target';
export type { Fetch } from './post';
