import type { ReadableDb, ReadableStatement } from '../storage';
import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { complianceFor, localDate, type AttemptFacts, type AttemptStatus, type ComplianceSettings } from '../compliance';
import { recordsFingerprint, type StaffAckRow as AckRow, type StaffRow } from '../records';
import { complianceSettingsOf, standingFrom, type Standing } from './standing';

interface Person {
  learner: StaffRow;
  attempts: AttemptFacts[];
  acks: AckRow[];
  standing: Standing | null;
}

type Row = [string, string, string | null, string | null, string, StaffRow['role'], string, string, string, string];
const COLUMNS = `l.id, l.name, l.work_email, l.staff_id, l.school, l.role, l.first_sign_in_at, l.last_seen_at, s.attempts, s.acks
  FROM learner_summary s JOIN learners l ON l.id = s.learner_id`;
/** People per step of the background warm-up: each step stays well under 50 ms of main's time. */
const WARM_STEP = 200;
const NO_ITEMS: readonly string[] = [];
/** Changes kept for readers before the list counts as rebuilt (a reader then sums everyone again). */
const CHANGE_LOG_MAX = 2000;

/** One person's standing replaced in the list (`before` null: someone new). */
export interface StandingChange {
  before: Standing | null;
  after: Standing;
}

function personOf(r: Row): Person {
  const learner: StaffRow = { id: r[0], name: r[1], workEmail: r[2], staffId: r[3], school: r[4], role: r[5], firstSignInAt: r[6], lastSeenAt: r[7] };
  const attempts = (JSON.parse(r[8]) as [string, string, string, AttemptStatus, string, string | null][]).map(
    (a): AttemptFacts => ({ attemptId: a[0], courseId: a[1], moduleId: a[2], status: a[3], startedAt: a[4], finishedAt: a[5], drawnItemIds: NO_ITEMS }),
  );
  const acks = (JSON.parse(r[9]) as [string, string, string, string][]).map(
    (k): AckRow => ({ learnerId: learner.id, courseId: k[0], attemptId: k[1], policyVersionLabel: k[2], acknowledgedAt: k[3] }),
  );
  return { learner, attempts, acks, standing: null };
}

/**
 * Every staff member's standing, kept in memory from the summary table (migration v8) that every
 * write transaction keeps up to date. A call after a change reads only the people changed since
 * the last (`learner_summary.changed`); a new day or new settings re-applies the date rules to the
 * kept facts without reading anything. The whole book is read at start-up in the background, in
 * steps, so the administrator's first open finds it ready and main never stalls for long.
 */
export class StandingsBook {
  private people = new Map<string, Person>();
  private list: Standing[] | null = null;
  /** Where each person's standing is in `list`, so a change replaces it there. */
  private readonly at = new Map<string, number>();
  /** Bumped whenever `list` is built again whole; `log` holds the replacements since. */
  private epoch = 0;
  private log: StandingChange[] = [];
  private seen = -1;
  private removals = '';
  private rulesKey = '';
  private fingerprint = '';
  private attempts: { seq: number; count: number } = { seq: -1, count: 0 };
  /** Bumped by every full read, so a background warm-up in progress knows it is out of date. */
  private generation = 0;
  private readonly changedSince: ReadableStatement;
  private readonly page: ReadableStatement;
  private readonly meta: ReadableStatement;

  constructor(
    private readonly db: ReadableDb,
    private readonly bundle: Bundle,
  ) {
    this.changedSince = db.prepare(`SELECT ${COLUMNS} WHERE s.changed > ?`);
    this.changedSince.setReturnArrays(true);
    this.page = db.prepare(`SELECT ${COLUMNS} WHERE s.learner_id > ? ORDER BY s.learner_id LIMIT ${WARM_STEP}`);
    this.page.setReturnArrays(true);
    this.meta = db.prepare(
      `SELECT (SELECT value FROM records_meta WHERE key = 'summary_seq') AS seq, (SELECT value FROM records_meta WHERE key = 'summary_removals') AS removals`,
    );
  }

  private readMeta(): { seq: number; removals: string } {
    const m = this.meta.get() as { seq: string; removals: string };
    return { seq: Number(m.seq), removals: m.removals };
  }

  /**
   * The standings on `now` under `settings`: from memory when nothing changed, else the changed
   * people only, replaced in place in the list (no pass over everyone) and noted in the change log.
   */
  standings(settings: Settings, now: Date): Standing[] {
    const rulesKey = `${JSON.stringify(settings)}|${localDate(now)}`;
    const fingerprint = recordsFingerprint(this.db);
    if (this.list && fingerprint === this.fingerprint && rulesKey === this.rulesKey) return this.list;
    const meta = this.readMeta();
    const rulesChanged = rulesKey !== this.rulesKey;
    let whole = this.list === null || rulesChanged;
    if (meta.removals !== this.removals || this.seen < 0) {
      // Someone was erased or folded away (or nothing is held yet): read everyone again.
      this.generation++;
      this.people.clear();
      this.seen = -1;
      whole = true;
    }
    const rules = complianceSettingsOf(settings);
    if (meta.seq > this.seen) {
      for (const r of this.changedSince.all(this.seen) as unknown as Row[]) {
        const p = personOf(r);
        const before = this.people.get(r[0])?.standing ?? null;
        this.people.set(r[0], p);
        if (!whole) this.replace(before, (p.standing = this.standingOf(p, rules, now)));
      }
      this.seen = meta.seq;
      this.removals = meta.removals;
    }
    if (whole) this.rebuild(rules, rulesChanged, now);
    this.rulesKey = rulesKey;
    this.fingerprint = fingerprint;
    return this.list as Standing[];
  }

  /**
   * What changed in the list since a reader's figures were summed: `epoch` changes when the list
   * was built again whole (the reader starts over), else `log[from…]` are the standings replaced
   * (before, or null for someone new) and what replaced them, in order.
   */
  changes(): { epoch: number; log: readonly StandingChange[] } {
    return { epoch: this.epoch, log: this.log };
  }

  private replace(before: Standing | null, after: Standing): void {
    const list = this.list as Standing[];
    const at = this.at.get(after.learner.id);
    if (at === undefined) {
      this.at.set(after.learner.id, list.length);
      list.push(after);
    } else {
      list[at] = after;
    }
    if (this.log.length >= CHANGE_LOG_MAX) {
      this.epoch++;
      this.log = [];
    } else {
      this.log.push({ before, after });
    }
  }

  private rebuild(rules: ComplianceSettings, rulesChanged: boolean, now: Date): void {
    const list: Standing[] = [];
    this.at.clear();
    for (const p of this.people.values()) {
      if (!p.standing || rulesChanged) p.standing = this.standingOf(p, rules, now);
      this.at.set(p.learner.id, list.length);
      list.push(p.standing);
    }
    this.list = list;
    this.epoch++;
    this.log = [];
  }

  /** Attempts on record (pupils' too), counted again only after an attempt was added, changed or removed. */
  attemptsOnRecord(): number {
    const { seq } = this.readMeta();
    if (seq !== this.attempts.seq) {
      this.attempts = { seq, count: (this.db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n };
    }
    return this.attempts.count;
  }

  private standingOf(p: Person, rules: ComplianceSettings, now: Date): Standing {
    const compliance = complianceFor({ role: p.learner.role, firstSignInAt: p.learner.firstSignInAt }, p.attempts, p.acks, this.bundle, rules, now);
    return standingFrom(p.learner, compliance);
  }

  /**
   * Reads and computes the whole book in steps of WARM_STEP people, yielding to the event loop
   * between steps. Changes made meanwhile are picked up by the next call (their `changed` is past
   * the sequence noted before the first step). A call that needs the figures first simply reads
   * everything itself, and this stops.
   */
  async warm(settings: Settings, now: Date): Promise<void> {
    const generation = ++this.generation;
    const start = this.readMeta();
    const rules = complianceSettingsOf(settings);
    const people = new Map<string, Person>();
    let after = '';
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (generation !== this.generation) return;
      let rows: Row[];
      try {
        rows = this.page.all(after) as unknown as Row[];
      } catch {
        return; // the records were closed meanwhile (the app is quitting)
      }
      if (rows.length === 0) break;
      for (const r of rows) {
        const p = personOf(r);
        p.standing = this.standingOf(p, rules, now);
        people.set(r[0], p);
      }
      after = rows[rows.length - 1]?.[0] ?? after;
    }
    this.people = people;
    this.seen = start.seq;
    this.removals = start.removals;
    this.list = null;
    // Computed under these settings on this day: a change of either since shows in the key.
    this.rulesKey = `${JSON.stringify(settings)}|${localDate(now)}`;
    this.fingerprint = '';
  }
}
