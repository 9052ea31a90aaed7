import type { ReadableDb } from '../storage';
import { randomUUID } from 'node:crypto';
import type { Bundle, RoleId } from '@content/schema';
import { ServiceError } from '@contract/result';
import type { AccountRequest, AccountRequestFields, AccountRequestSummary, RuleSection } from '@contract/channels/requests';
import { documentFileName, requestHtml, requestText, type RequestFacts } from './document';
import { officialAccountRules } from './rules';
import type { LifecycleWrite } from '../records';

interface Row {
  id: string;
  learner_id: string;
  created_at: string;
  requester_name: string;
  requester_role: string;
  school: string;
  platform: string;
  account_name: string;
  aim: string;
  audience: string;
  promotion: string;
  runners: string;
  policy_version_label: string;
}

export interface RequestsDeps {
  db: ReadableDb;
  bundle: Bundle;
  clock: () => Date;
  /** The Trust's name and the policy version label, read when a request is made. */
  settings: () => { trustName: string; policyVersionLabel: string };
  /** The records store's journalled write. */
  write: LifecycleWrite;
}

/** New-account requests: saved in the records database, each with its document for the Trust. */
export class RequestsService {
  constructor(private readonly deps: RequestsDeps) {}

  rules(): RuleSection[] {
    return officialAccountRules(this.deps.bundle);
  }

  create(learnerId: string, fields: AccountRequestFields): AccountRequest {
    const learner = this.deps.db
      .prepare("SELECT name, school, role FROM learners WHERE id = ? AND kind = 'staff'")
      .get(learnerId) as { name: string; school: string; role: string } | undefined;
    if (!learner) throw new ServiceError('not-found', 'learnerId: no member of staff with this id has signed in on this computer');
    const row: Row = {
      id: randomUUID(),
      learner_id: learnerId,
      created_at: this.deps.clock().toISOString(),
      requester_name: learner.name,
      requester_role: learner.role,
      school: learner.school,
      platform: fields.platform,
      account_name: fields.accountName,
      aim: fields.aim,
      audience: fields.audience,
      promotion: fields.promotion,
      runners: fields.runners,
      policy_version_label: this.deps.settings().policyVersionLabel,
    };
    // Through the records journal, so a recovery after a damaged database brings it back.
    this.deps.write({
      k: 'request.create',
      requestId: row.id,
      learnerId,
      at: row.created_at,
      requesterName: row.requester_name,
      requesterRole: row.requester_role,
      school: row.school,
      platform: row.platform,
      accountName: row.account_name,
      aim: row.aim,
      audience: row.audience,
      promotion: row.promotion,
      runners: row.runners,
      policyVersionLabel: row.policy_version_label,
    });
    return this.withDocument(this.facts(row));
  }

  get(requestId: string): AccountRequest & { learnerId: string } {
    const row = this.deps.db.prepare('SELECT * FROM account_requests WHERE id = ?').get(requestId) as Row | undefined;
    if (!row) throw new ServiceError('not-found', `requestId: no new-account request ${requestId}`);
    return { ...this.withDocument(this.facts(row)), learnerId: row.learner_id };
  }

  /** Who wrote a request (their learner id), or null when there is no such request. */
  authorOf(requestId: string): string | null {
    const row = this.deps.db.prepare('SELECT learner_id FROM account_requests WHERE id = ?').get(requestId) as { learner_id: string } | undefined;
    return row?.learner_id ?? null;
  }

  list(learnerId?: string): AccountRequestSummary[] {
    const rows = (
      learnerId
        ? this.deps.db.prepare('SELECT * FROM account_requests WHERE learner_id = ? ORDER BY created_at DESC, id').all(learnerId)
        : this.deps.db.prepare('SELECT * FROM account_requests ORDER BY created_at DESC, id').all()
    ) as unknown as Row[];
    return rows.map((r) => this.facts(r));
  }

  private roleLabel(role: string): string {
    for (const course of this.deps.bundle.courses) {
      const label = course.roles?.[role as RoleId]?.label;
      if (label) return label;
    }
    return role;
  }

  private facts(row: Row): RequestFacts {
    return {
      requestId: row.id,
      createdAt: row.created_at,
      requester: { name: row.requester_name, role: row.requester_role as RoleId, roleLabel: this.roleLabel(row.requester_role), school: row.school },
      aim: row.aim,
      audience: row.audience,
      promotion: row.promotion,
      runners: row.runners,
      platform: row.platform,
      accountName: row.account_name,
      policyVersionLabel: row.policy_version_label,
    };
  }

  private withDocument(facts: RequestFacts): AccountRequest {
    const wording = this.deps.bundle.clauses.find((c) => c.id === 'new-accounts.rationale')?.text;
    if (!wording) throw new Error('the clause registry has no new-accounts.rationale clause; the request document quotes it');
    const ctx = { trustName: this.deps.settings().trustName, processWording: wording };
    return { ...facts, document: { html: requestHtml(facts, ctx), text: requestText(facts, ctx), fileName: documentFileName(facts) } };
  }
}
