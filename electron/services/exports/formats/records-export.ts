import { parseInteractionId, type Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { localDate } from '@services/compliance';
import { convertCmi, nestCmi, type KindOf } from './cmi-convert';
import type { RecordFormat } from './info';
import { RESULTS_HEADER, resultRows } from './results-csv';
import { csvLine } from './cells';
import { FileSink } from '@services/output';
import { TOTARA_HEADER, totaraRows } from './totara-csv';
import type { ExportSource, StaffWithRecords } from '../plumbing/types';
import type { ExportTarget } from '@services/output';
import { attemptStatements, usernameOf } from './xapi';

export interface RecordsExportInput {
  format: RecordFormat;
  source: ExportSource;
  bundle: Bundle;
  settings: Settings;
  now: Date;
  /** Called now and then with learners done / total. */
  progress: (done: number, total: number) => void;
}

export interface RecordsExportResult {
  rows: number;
  bytes: number;
  /** Why some records were left out, with how many. */
  skipped: Record<string, number>;
}

/** Excel reads a UTF-8 CSV as UTF-8 only with a BOM; Totara's upload wants none (its own rule). */
const UTF8_BOM = '\uFEFF';
const YIELD_EVERY = 200; // learners between pauses, so main keeps answering the window

interface Writer {
  head: string;
  rowsFor(r: StaffWithRecords): string[];
  separator: string;
  tail: string;
}

function writerFor(input: RecordsExportInput, skip: (why: string) => void): Writer {
  const { bundle, settings, now } = input;
  switch (input.format) {
    case 'csv':
      return { head: UTF8_BOM + csvLine([...RESULTS_HEADER]), rowsFor: (r) => resultRows(r, bundle, settings, now), separator: '', tail: '' };
    case 'totara':
      return { head: `${TOTARA_HEADER}\r\n`, rowsFor: (r) => totaraRows(r, bundle, settings, (why) => skip(why)), separator: '', tail: '' };
    case 'xapi':
      return {
        head: '[\n',
        separator: ',\n',
        tail: '\n]\n',
        rowsFor: (r) => {
          if (r.attempts.length && !usernameOf(r.staff, settings.lms.usernameField)) {
            skip('no-username');
            return [];
          }
          const out: string[] = [];
          for (const a of r.attempts) {
            const statements = attemptStatements(r.staff, a, bundle, settings);
            if (typeof statements === 'string') skip(statements);
            else for (const s of statements) out.push(JSON.stringify(s));
          }
          return out;
        },
      };
    case 'records':
      // Written by records-file/write.ts (a checksummed file of its own), never through this writer.
      throw new Error('the records file is written by writeRecordsFile');
    case 'cmi12':
    case 'cmi2004': {
      const target = input.format === 'cmi12' ? 'scorm12' : 'scorm2004';
      // Our items' interactions convert through their kind (the bundle's answer key).
      const kindOf: KindOf = (id) => {
        try {
          return bundle.answerKey[parseInteractionId(id).itemId]?.kind ?? null;
        } catch {
          return null;
        }
      };
      return {
        head: `{"format":"leap-cmi/1","scormVersion":${JSON.stringify(target)},"exportedAt":${JSON.stringify(now.toISOString())},"attempts":[\n`,
        separator: ',\n',
        tail: '\n]}\n',
        rowsFor: (r) =>
          r.attempts.flatMap((a) => {
            if (!a.cmi) {
              skip('no-cmi-kept');
              return [];
            }
            const converted = convertCmi(a.cmi, target, localDate(a.startedAt), kindOf);
            return [
              JSON.stringify({
                attemptId: a.attemptId,
                learner: {
                  learnerId: r.staff.learnerId,
                  username: usernameOf(r.staff, settings.lms.usernameField),
                  name: r.staff.name,
                  school: r.staff.school,
                  role: r.staff.role,
                },
                courseId: a.courseId,
                moduleId: a.moduleId,
                status: a.status,
                scorePercent: a.scorePercent,
                startedAt: a.startedAt,
                finishedAt: a.finishedAt,
                recordedAs: a.cmi.version,
                // Every policy version acknowledged on this pass, oldest first (a new edition adds one).
                acknowledged: r.acknowledgements
                  .filter((k) => k.attemptId === a.attemptId)
                  .map((k) => ({ policyVersionLabel: k.policyVersionLabel, acknowledgedAt: k.acknowledgedAt })),
                omitted: converted.omitted,
                // Hand this object to scorm-again's loadFromJSON as it is.
                json: nestCmi(converted.data),
              }),
            ];
          }),
      };
    }
  }
}

/** Streams one records export to `target`: learner by learner, row by row. */
export async function exportRecords(input: RecordsExportInput, target: ExportTarget): Promise<RecordsExportResult> {
  const skipped: Record<string, number> = {};
  const writer = writerFor(input, (why) => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  });
  const sink = new FileSink(target);
  const total = input.source.staffCount();
  let rows = 0;
  let done = 0;
  try {
    await sink.write(writer.head);
    input.progress(0, total);
    for (const learner of input.source.staff()) {
      for (const row of writer.rowsFor(learner)) {
        await sink.write(rows > 0 && writer.separator ? writer.separator + row : row);
        rows++;
      }
      done++;
      if (done % YIELD_EVERY === 0) {
        input.progress(done, total);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await sink.write(writer.tail);
    await sink.finish();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  input.progress(total, total);
  return { rows, bytes: sink.bytes, skipped };
}
