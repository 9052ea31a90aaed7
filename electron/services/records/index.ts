// The records domain: learners, attempts, commits and verdicts, acknowledgements, sessions, the
// journalled write path (store.ts) and the read side (queries/). Other domains enter here.
export { RecordsService, type RecordsOptions } from './service';
export { RecordsStore, type AttemptRow, type CommitOutcome, type CommittedAttempt, type RefresherDraw } from './store';
export { SessionService, type SignedIn } from './session';
export * from './queries';
export { misconceptionOf } from './verdict';
export { academicYear, type Entry, type NewEntry, type ImportEntry, type ImportedAttempt } from './entries';
export type { LifecycleEntry, NewLifecycleEntry, LifecycleWrite } from './lifecycle-entries';
export { retentionCutoffYear } from './retention';
export { benchAtSize, type BenchResult } from './bench';
export { addInteraction, demoAnswers, demoPupil, demoStaff, itemsOf, pick, rng, setProgress, type Rng } from './demo';

export { revealJudged, type RevealedAnswer } from './reveal';
export { warmCommitPath, WARM_UP_ATTEMPTS } from './warm-up';
