import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, FIXTURE_OPTIONS, VALID, brokenRoot, problems } from './fixture';

const ITEMS = 'courses/staff-mini/banks/bank/items.yaml';
const BASICS = 'courses/staff-mini/modules/basics.yaml';
const KS1 = 'courses/pupils-ks1/modules/stay-safe.yaml';
const COURSE = 'courses/staff-mini/course.yaml';
const REG = 'policy/clauses.yaml';
// A broken bank item drops out of the bank, so the bank's figures fall with it.
const bankLosesBranching = [`${COURSE}:6:7 staff bank has 0 branching scenarios; the brief needs at least 1`, `${COURSE}:6:7 staff bank has 3 items; the brief needs at least 4`];
const bankLosesFineItem = [
  `${COURSE}:6:7 "this is fine" share is 0% (tags: [fine]); the brief needs at least 10%`,
  `${COURSE}:6:7 no bank item for policy section "reputation"; every section must be represented`,
  `${COURSE}:6:7 staff bank has 3 items; the brief needs at least 4`,
  `${REG}:16:9 coverage gap: staff clause "reputation.privacy-settings" is not assessed by any item in the staff bank`,
];

/** Each broken fixture (tests/fixtures/content/broken/<case>) and exactly what the check must print. */
const expected: Record<string, string[]> = {
  'yaml-syntax': [
    `${ITEMS}:33:3 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    `${COURSE}:6:7 "this is fine" share is 0% (tags: [fine]); the brief needs at least 10%`,
    `${COURSE}:6:7 escalation share is 0% (tags: [escalate]); the brief needs at least 30%`,
    `${COURSE}:6:7 no bank item for policy section "contact"; every section must be represented`,
    `${COURSE}:6:7 no bank item for policy section "official"; every section must be represented`,
    `${COURSE}:6:7 no bank item for policy section "reputation"; every section must be represented`,
    `${COURSE}:6:7 staff bank has 0 branching scenarios; the brief needs at least 1`,
    `${COURSE}:6:7 staff bank has 0 items; the brief needs at least 4`,
    'courses/staff-mini/modules/check.yaml:5:16 draw count 3 is more than the 0 items in the bank',
    `${REG}:16:9 coverage gap: staff clause "reputation.privacy-settings" is not assessed by any item in the staff bank`,
    `${REG}:21:9 coverage gap: staff clause "contact.report-pupil-messages" is not assessed by any item in the staff bank`,
    `${REG}:26:9 coverage gap: staff clause "official.second-reader" is not assessed by any item in the staff bank`,
  ],
  'schema-type': [
    `${BASICS}:3:10 minutes: minutes must be a number`,
    `${REG}:16:9 coverage gap: staff clause "reputation.privacy-settings" is not taught on any staff lesson screen`,
    `${REG}:21:9 coverage gap: staff clause "contact.report-pupil-messages" is not taught on any staff lesson screen`,
    `${REG}:26:9 coverage gap: staff clause "official.second-reader" is not taught on any staff lesson screen`,
  ],
  'unknown-key': [
    `${ITEMS}:12:7 [0].options[1].feedback: option has no feedback`,
    `${ITEMS}:14:7 [0].options[1].feedbak: unknown key "feedbak"`,
    ...bankLosesFineItem,
  ],
  'missing-feedback': [`${ITEMS}:15:7 [0].options[2].feedback: option has no feedback`, ...bankLosesFineItem],
  'two-correct': [`${ITEMS}:8:5 [0].options: exactly one option must be correct: true (found 2)`, ...bankLosesFineItem],
  'unknown-clause': [
    // The clause the lesson meant is not taught, so the one "this is fine" item citing it cannot be drawn.
    `${COURSE}:8:3 taught before tested: "teaching", "support", "volunteer", "leader", "account-runner", the LMS path (role not known) may be asked 0% "this is fine" items; the brief needs at least 10% of what a learner draws from`,
    `${BASICS}:12:15 unknown clause id "reputation.privacy-setting"; did you mean "reputation.privacy-settings"?`,
    `${REG}:16:9 coverage gap: staff clause "reputation.privacy-settings" is not taught on any staff lesson screen`,
  ],
  'unknown-screen-kind': [
    // With the broken screen gone, nothing teaches the contact items, so no learner may be asked them.
    `${COURSE}:8:3 taught before tested: "teaching", "support", "volunteer", "leader", "account-runner", the LMS path (role not known) may be asked 0% escalate items; the brief needs at least 30% of what a learner draws from`,
    `${COURSE}:8:3 taught before tested: "teaching", "support", "volunteer", "leader", "account-runner", the LMS path (role not known) may be asked only 2 bank items (those whose every clause their lessons teach); module "check" draws 3`,
    `${BASICS}:14:11 screens[1].kind: screen kind must be one of: text, keyPoints, workedExample, whoToTell, policyExcerpt, reflection`,
    `${REG}:21:9 coverage gap: staff clause "contact.report-pupil-messages" is not taught on any staff lesson screen`,
  ],
  'branch-unreachable': [`${ITEMS}:57:11 [3].nodes[2].id: node "n3" is unreachable from start "n1"`, ...bankLosesBranching],
  'branch-dead-end': [
    `${ITEMS}:56:11 [3].nodes[1].options[1]: dead end: option "n2.b" has neither next nor ending`,
    `${ITEMS}:59:13 [3].endings[1].id: ending "poor" is unreachable: no option leads to it`,
    ...bankLosesBranching,
  ],
  'branch-missing-node': [`${ITEMS}:50:124 [3].nodes[0].options[0].next: dead end: next "n4" is not a node id`, ...bankLosesBranching],
  'branch-one-decision': [
    `${ITEMS}:51:117 [3].nodes[0].options[1].ending: option "n1.b" ends the scenario at the first decision; every path needs 2+ decision points`,
    ...bankLosesBranching,
  ],
  'coverage-staff': [
    `${COURSE}:6:7 no bank item for policy section "official"; every section must be represented`,
    `${REG}:26:9 coverage gap: staff clause "official.second-reader" is not assessed by any item in the staff bank`,
  ],
  'coverage-pupil': [`${REG}:36:9 coverage gap: pupil clause "pupil-use.block-report" is not checked by a question in ks1`],
  readability: [
    `${KS1}:5:1 readability: spache 5.12 is over the ks1 cap 2 (unfamiliar: accounts, acquaintances, combinations, confidential, construct, credentials, disclosure, divulge, jeopardises, passwords, someone, unauthorised, ...)`,
    // The same over-hard text also says "never" where the policy only advises pupils.
    `${KS1}:6:5 "Never divulge them to acquaintances." says "never" where clause "pupil-use.passwords" only advises (should / advised / encouraged): keep the policy's strength, or list it with its product decision in modal-exceptions.yaml`,
  ],
  'sentence-length': [`${KS1}:27:11 sentence of 17 words is over the ks1 limit of 12: "Think about what a friend or someone in your class at school..."`],
  'lesson-shape': [`${KS1}:3:10 lesson is 9 minutes; ks1 lessons are at most 8`, `${KS1}:22:1 lesson has 2 check questions; pupil lessons have 3-5`],
  'pupil-item-rules': [
    `${KS1}:29:9 wrong option "a" of pupil item "ks1-mini-password" needs a misconception`,
    `${KS1}:32:9 pupil item "ks1-mini-tell" needs a hint (shown kindly on a wrong answer)`,
  ],
  'duplicate-item': [`${ITEMS}:18:7 item id "mini-pupil-message" is already used at ${KS1}:32:9; item ids are unique across all courses`],
  'missing-module': [`${COURSE}:5:26 module file modules/extra.yaml not found`],
  wording: [`${REG}:33:11 clause "pupil-use.passwords" text is not the policy's exact wording: "To use safe, hard to guess passwords." is not in the policy`],
  'branch-loop': [
    `${ITEMS}:56:113 [3].nodes[1].options[1].next: option "n2.b" loops back to node "n1"; every path must reach an ending`,
    `${ITEMS}:59:13 [3].endings[1].id: ending "poor" is unreachable: no option leads to it`,
    ...bankLosesBranching,
  ],
  'all-of-the-above': [`${ITEMS}:16:13 option "c" is "of the above": write each option as its own action`],
  'pupil-course-rules': [
    'courses/pupils-ks1/course.yaml:3:11 audience: a pupil course needs band: ks1 | ks2 | ks3 | ks4',
    'courses/pupils-ks1/course.yaml:3:11 audience: a pupil course needs helpRoutes (shown at the end of each lesson)',
    'courses/pupils-ks1/course.yaml:6:7 bank: bank is for staff courses only',
    ...['passwords', 'block-report'].flatMap((c) =>
      ['is not checked by a question in', 'is not taught in'].map(
        (what) => `${REG}:${c === 'passwords' ? 31 : 36}:9 coverage gap: pupil clause "pupil-use.${c}" ${what} ks1 (there is no valid pupil course for ks1)`,
      ),
    ),
  ],
  'role-unknown-module': [`${COURSE}:11:47 role "leader" takes module "tone", which is not in this course's modules`],
  'section-mismatch': [`${ITEMS}:20:12 section "official" is not the section of any clause this item cites`],
  'unlisted-module': ['courses/staff-mini/modules/draft.yaml:1:1 module file draft.yaml is not listed in course.yaml modules'],
  'feedback-citation': [`${ITEMS}:17:17 "(Contact)" teaches a rule of section "contact", but item "mini-privacy" cites no clause of that section; add the clause to its clauses`],
  'report-same-day': [`${BASICS}:13:5 "Tell the DSL the same day.": a report to the DSL is made at once (out-of-hours when the DSL is not on site), never "the same day"`],
  'knowledge-check-untaught': [
    `${BASICS}:29:44 knowledge check "mini-check" asks about clause "official.second-reader", which no screen of lesson "basics" teaches`,
    `${REG}:26:9 coverage gap: staff clause "official.second-reader" is not taught on any staff lesson screen`,
  ],
  'role-not-taught': [
    `${COURSE}:8:3 taught before tested: "volunteer", the LMS path (role not known) have no "Who do I tell?" screen saying that a child at risk is reported at once ("at once", "straight away" or "immediately") by the out-of-hours route when the DSL is not on site ("out-of-hours")`,
    `${COURSE}:8:3 taught before tested: "volunteer", the LMS path (role not known) may be asked only 0 bank items (those whose every clause their lessons teach); module "check" draws 3`,
  ],
  'modal-strength': [
    'modal-exceptions.yaml:7:9 stale exception: no sentence in courses/pupils-ks1/modules/stay-safe.yaml containing "Never click" says must/never for pupil-use.block-report; remove it',
    `${REG}:34:17 "You must use passwords that are hard to guess." says "must" where clause "pupil-use.passwords" only advises (should / advised / encouraged): keep the policy's strength, or list it with its product decision in modal-exceptions.yaml`,
  ],
  placeholder: [`${BASICS}:9:11 unknown placeholder "{schoolName}"; use {trust}, {school} or {policyVersion}`],
  'age-limits': [
    `${KS1}:29:17 pointsFrom: age-limits is the only list, on a keyPoints screen`,
    `${KS1}:36:11 "TikTok is for 13": platform ages are stated only in content/facts/age-limits.yaml (a keyPoints screen with pointsFrom: age-limits shows them)`,
  ],
  pictures: [
    `${KS1}:9:37 alt text starts "Picture of a": describe what it shows; a screen reader already says it is a picture`,
    `${KS1}:18:23 unknown scene "stop-sign": add it to content/pictures/scenes.yaml or pick one that is there`,
    `${KS1}:26:14 screens[2].picture.alt: a picture needs alt text (or decorative: true if it adds nothing to the words)`,
    `${KS1}:31:63 screens[3].picture.decorative: a picture has alt text or is decorative, not both`,
    'pictures/scenes.yaml:12:17 icon "lockd" is not in @iconify-json/fluent-emoji-flat; did you mean "locked", "locked-with-key", "locked-with-pen"?',
    'pictures/scenes.yaml:13:43 icon "key" runs off the 200x120 scene (x + size, y + size)',
  ],
};

describe('content:check on broken fixtures', () => {
  it('the valid fixture has no problems', () => {
    expect(problems(VALID)).toEqual([]);
  });

  it('every broken fixture folder has an expectation here, and the other way round', () => {
    expect(readdirSync(join(FIXTURES, 'broken')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, lines] of Object.entries(expected)) {
    it(`reports ${name} with its exact file:line:col`, () => {
      expect(problems(brokenRoot(name))).toEqual(lines);
    });
  }

  it("holds the staff bank to the brief's own figures by default", () => {
    expect(problems(VALID, { bands: ['ks1'], pictures: false })).toEqual([
      `${COURSE}:6:7 staff bank has 1 branching scenarios; the brief needs at least 3`,
      `${COURSE}:6:7 staff bank has 4 items; the brief needs at least 36`,
    ]);
  });

  it('requires a picture on every KS1 screen unless told otherwise', () => {
    expect(problems(VALID, { ...FIXTURE_OPTIONS, pictures: true })).toEqual([
      `${KS1}:6:9 ks1 screen "ks1-secret-word" has no picture; every ks1 screen carries one (picture: { scene, alt })`,
      `${KS1}:15:9 ks1 screen "ks1-block" has no picture; every ks1 screen carries one (picture: { scene, alt })`,
    ]);
  });

  it('requires every pupil band unless told otherwise', () => {
    const gaps = problems(VALID, { staffBank: { minItems: 4, minBranching: 1 }, pictures: false });
    expect(gaps).toContain(`${REG}:31:9 coverage gap: pupil clause "pupil-use.passwords" is not taught in ks2 (there is no valid pupil course for ks2)`);
    expect(gaps).toHaveLength(3 * 2 * 2); // ks2-ks4, two pupil clauses, taught and checked
  });
});
