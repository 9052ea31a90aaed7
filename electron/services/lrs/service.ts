import type { ReadableDb } from '../storage';
import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { CredentialStore, type SecretBox } from './credentials';
import type { NewLrsEntry } from './journal-entries';
import { SqliteOutbox } from './outbox';
import type { Fetch } from './post';
import { LrsSender, type SyncReport } from './sender';
import { checkEndpoint, parseKeyFile, type LrsTarget } from './target';

export interface LrsServiceOptions {
  db: ReadableDb;
  dataDir: string;
  bundle: Bundle;
  settings: () => Settings;
  /** Saves the Trust's LRS settings (the settings service); the admin area's LRS form. */
  saveSettings?: (lrs: Settings['lrs']) => void;
  /** The records store's journalled write: the outbox's marks and the sender's state go through it. */
  write: (entry: NewLrsEntry) => void;
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
  /** The key file named in the settings (set-up file or npm run setup), shown, never read out. */
  keyFile: string | null;
  /** Whether this run can keep a secret sealed by the operating system (the app; not the preview or the CLI). */
  canSeal: boolean;
  /** Why sending cannot start as things are set, in plain words; null when it can (or it is off). */
  problem: string | null;
  /** A send is running now. */
  sending: boolean;
  pending: number;
  setAsideCount: number;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  stoppedFor: string | null;
  /** The newest attempts set aside, with the reason. */
  setAside: { attemptId: string; at: string; reason: string; name: string | null; module: string | null }[];
}

/** What the administrator sets in the admin area: on or off, the address, and a key and secret to seal. */
export interface LrsConfiguration {
  on: boolean;
  endpoint?: string | undefined;
  key?: string | undefined;
  secret?: string | undefined;
}

/** Sending finished staff attempts to the Trust's LRS: outbox, sender, credentials, status. */
export class LrsService {
  readonly outbox: SqliteOutbox;
  readonly sender: LrsSender;
  readonly credentials: CredentialStore;
  private targetProblem: string | null = null;

  constructor(private readonly o: LrsServiceOptions) {
    this.outbox = new SqliteOutbox({ db: o.db, bundle: o.bundle, settings: o.settings, write: o.write, clock: o.clock });
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
    // Statements name people by their LMS account: without it every attempt would be set aside.
    const lms = this.o.settings().lms;
    if (!lms.homePage || !lms.usernameField) {
      this.targetProblem =
        "Sending is set up but waits for the Trust's LMS settings: statements name each person by their LMS account, so the LMS's web address and " +
        'the username field must be set first (Settings, "The Trust\'s LMS"). Nothing is lost meanwhile.';
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

  /**
   * The admin area's LRS form. Off: no address, and the sealed key forgotten (nothing kept that is
   * not used). On: the address checked as IT's would be; a key and secret given are sealed by the
   * operating system (never written in the clear, never shown again); without them the PC must
   * already have a key (sealed, or the key file from the set-up). A stop after 401/403 is lifted,
   * and the sender looks at once.
   */
  configure(c: LrsConfiguration): LrsStatus {
    if (!this.o.saveSettings) throw new ServiceError('unavailable', 'The LRS settings cannot be changed from here.');
    const keyFile = this.o.settings().lrs.keyFile;
    if (!c.on) {
      this.o.saveSettings({ endpoint: null, keyFile });
      this.credentials.forget();
    } else {
      const checked = checkEndpoint(c.endpoint ?? '');
      if ('problem' in checked) throw new ServiceError('invalid-request', `endpoint: ${checked.problem}`);
      const given = c.key !== undefined || c.secret !== undefined;
      if (given) {
        if (!c.key || !c.secret) throw new ServiceError('invalid-request', `${c.key ? 'secret' : 'key'}: give both the LRS key and its secret`);
        try {
          parseKeyFile(`${c.key}:${c.secret}`, 'the LRS key and secret');
        } catch (err) {
          throw new ServiceError('invalid-request', (err as Error).message);
        }
        if (!this.o.box) {
          throw new ServiceError(
            'unavailable',
            'This copy of the app cannot keep a secret safely (the operating system offers no encryption to it here), so the key and secret were not saved. ' +
              'Give them in a key file instead: npm run setup -- --lrs-auth-file FILE, or "keyFile" in the set-up file.',
          );
        }
      } else if (!this.credentials.sealedHere && !keyFile) {
        throw new ServiceError('invalid-request', 'key: give the LRS key and secret this PC sends with (the LRS administrator issues them)');
      }
      // Seal first: an address is never saved with a key that failed to be kept.
      if (given) this.credentials.seal({ key: c.key!, secret: c.secret! });
      this.o.saveSettings({ endpoint: checked.endpoint, keyFile });
    }
    const state = this.outbox.readState();
    if (state.stoppedFor || state.failuresInARow) this.outbox.writeState({ ...state, stoppedFor: null, failuresInARow: 0 });
    this.sender.kick();
    return this.status();
  }

  /** Attempts set aside are tried again at the next send (after the administrator corrected what was wrong). */
  retrySetAside(): number {
    const n = this.outbox.retrySetAside();
    if (n > 0) this.sender.kick();
    return n;
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
    const keyFile = this.o.keyFileOverride ?? this.o.settings().lrs.keyFile;
    const ready = endpoint ? this.target() !== null : false;
    return {
      on: endpoint !== null,
      endpoint,
      credentials: this.credentials.sealedHere ? 'sealed' : keyFile ? 'key-file' : 'missing',
      keyFile,
      canSeal: Boolean(this.o.box),
      problem: endpoint && !ready ? this.targetProblem : null,
      sending: this.sender.busy,
      pending: this.outbox.pendingCount(),
      setAsideCount: this.outbox.setAsideCount(),
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      stoppedFor: state.stoppedFor,
      setAside: this.outbox.setAsideList(),
    };
  }
}
