export interface AuditEntry {
  at: string;
  /** Who asked: 'admin' (the unlocked admin area), 'cli' (npm run export), 'app-cli' (the app's --export). */
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** The records store's journalled audit entry (one per export); the composition root gives it. */
export type AuditWriter = (entry: AuditEntry) => void;
