import type { DatabaseSync } from 'node:sqlite';
import type { Bundle } from '../../../content/schema';
import type { Settings } from '../../contract/channels/settings';
import { CredentialStore, type SecretBox } from './credentials';
import { SqliteOutbox } from './outbox';
import type { Fetch } from './post';
import { LrsSender, type SyncReport } from './sender';
import { checkEndpoint, type LrsTarget } from './target';

export interface LrsServiceOptions {
  db: DatabaseSync;
  dataDir: string;
  bundle: Bundle;
  settings: () => Settings;
  appVersion: string;
  clock: () => Date;
  /** Node's fetch headless; the app passes Electron's net.fetch (it follows the system's proxy). */
  fetch?: Fetch;
  /** The app's OS encryption for the LRS secret (safeStorage); null headless. */
  box?: SecretBox | null;
  /** A key file for this run only (`npm run sync -- --auth-file F`). */
  keyFileOverride?: string | null;
  /** An endpoint for this run only (`npm run sync -- --endpoint URL`). */
  endpointOverride?: string | null;
  batchStatements?: number;
  timeoutMs?: number;
  onChange?: () => void;
}

export interface LrsStatus {
  on: boolean;
  endpoint: string | null;
  credentials: 'sealed' | 'key-file' | 'missing';
  pending: number;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  stoppedFor: string | null;
  setAside: { attemptId: string; at: string; reason: string }[];
}

/** Sending finished staff attempts to the Trust's LRS: outbox, sender, credentials, status. */
export class LrsService {
  readonly outbox: SqliteOutbox;
  readonly sender: LrsSender;
  readonly credentials: CredentialStore;
  private targetProblem: string | null = null;

  constructor(private readonly o: LrsServiceOptions) {
    this.outbox = new SqliteOutbox({ db: o.db, bundle: o.bundle, settings: o.settings, appVersion: o.appVersion });
    this.credentials = new CredentialStore({ dataDir: o.dataDir, box: o.box ?? null, keyFile: () => o.settings().lrs.keyFile, override: o.keyFileOverride ?? null });
    this.sender = new LrsSender({
      outbox: this.outbox,
      target: () => this.target(),
      fetch: o.fetch ?? (fetch as unknown as Fetch),
      clock: o.clock,
      ...(o.batchStatements ? { batchStatements: o.batchStatements } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.onChange ? { onChange: o.onChange } : {}),
    });
  }

  endpoint(): string | null {
    return this.o.endpointOverride ?? this.o.settings().lrs.endpoint;
  }

  /** Where to send and with what key, or null (off, or a problem the status names). */
  private target(): LrsTarget | null {
    this.targetProblem = null;
    const raw = this.endpoint();
    if (!raw) return null;
    const checked = checkEndpoint(raw);
    if ('problem' in checked) {
      this.targetProblem = `The LRS address is not usable: ${checked.problem}.`;
      return null;
    }
    try {
      return { endpoint: checked.endpoint, ...this.credentials.read() };
    } catch (err) {
      this.targetProblem = `Sending is set up but cannot start: ${(err as Error).message}.`;
      return null;
    }
  }

  /** Sends what is pending; a key or address problem is reported as refused, in plain words. */
  async sync(byHand = true): Promise<SyncReport> {
    const report = await this.sender.sync({ byHand });
    if (report.outcome === 'off' && this.targetProblem) {
      const at = this.o.clock().toISOString();
      this.outbox.writeState({ ...this.outbox.readState(), lastError: { at, message: this.targetProblem } });
      return { ...report, outcome: 'refused', message: this.targetProblem };
    }
    return report;
  }

  start(): void {
    this.sender.start();
  }

  kick(): void {
    this.sender.kick();
  }

  stop(): Promise<void> {
    return this.sender.stop();
  }

  status(): LrsStatus {
    const state = this.outbox.readState();
    const endpoint = this.endpoint();
    return {
      on: endpoint !== null,
      endpoint,
      credentials: this.credentials.sealedHere ? 'sealed' : this.o.settings().lrs.keyFile || this.o.keyFileOverride ? 'key-file' : 'missing',
      pending: this.outbox.pendingCount(),
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      stoppedFor: state.stoppedFor,
      setAside: this.outbox.setAsideList(),
    };
  }
}
