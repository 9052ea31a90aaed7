// Programmatic API of the content tools, for the main process, the player build, the SCORM exporter
// and tests. Node only (reads files); the browser side imports content/schema instead.
export { compileContent, type Compiled, type CompiledCourse, type CompiledItem, type CompiledModule } from './compile';
export { analyse, type CheckOptions, type ContentReport, type BandReport, type ReadabilityResult } from './analyse';
export { loadBundle, ContentError } from './bundle-io';
export { formatDiagnostic, type Diagnostic, type DiagnosticKind } from './diagnostics';
export { countText, score, sentences, longestSentence, type Formula, type TextCounts } from './readability';
export { readabilityRules, LESSON_MAX_MINUTES, PUPIL_QUESTIONS, SENTENCE_CAP, STAFF_BANK, STAFF_DRAW, type ReadabilityRule } from './brief';
export { lessonUnits, screenUnits } from './lesson-text';
export { UK_WORDS } from './uk-words';
export { contentRoot } from './paths';
