// The two SCORM versions the app plays and exports. Each has its own data model: the tables here
// say where the same fact lives in each, so no caller spells element names per version itself.

export const SCORM_VERSIONS = ['scorm2004', 'scorm12'] as const;
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

export const isScormVersion = (v: unknown): v is ScormVersion => v === 'scorm2004' || v === 'scorm12';

/**
 * A cmi as the app stores it and as it crosses the contract: full element names, flattened
 * (`cmi.interactions.0.id`), values as SCORM stores them (strings); unset elements are left out.
 */
export interface Cmi {
  version: ScormVersion;
  data: Record<string, string>;
}

/** The same facts under each version's element names. */
export const ELEMENTS = {
  scorm2004: {
    learnerId: 'cmi.learner_id',
    learnerName: 'cmi.learner_name',
    entry: 'cmi.entry',
    /** normal, browse or review: how the LMS opened the SCO. */
    mode: 'cmi.mode',
    interactionCount: 'cmi.interactions._count',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    totalTime: 'cmi.total_time',
    scoreRaw: 'cmi.score.raw',
    scoreMin: 'cmi.score.min',
    scoreMax: 'cmi.score.max',
    /** The field of an interaction that holds the learner's answer. */
    response: 'learner_response',
    /** The field of an interaction that says when it was answered. */
    answeredAt: 'timestamp',
  },
  scorm12: {
    learnerId: 'cmi.core.student_id',
    learnerName: 'cmi.core.student_name',
    entry: 'cmi.core.entry',
    mode: 'cmi.core.lesson_mode',
    interactionCount: 'cmi.interactions._count',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    totalTime: 'cmi.core.total_time',
    scoreRaw: 'cmi.core.score.raw',
    scoreMin: 'cmi.core.score.min',
    scoreMax: 'cmi.core.score.max',
    response: 'student_response',
    answeredAt: 'time',
  },
} as const satisfies Record<ScormVersion, Record<string, string>>;

/** `cmi.exit` / `cmi.core.exit` when the learner leaves to come back, and when they finish. */
export const EXIT = {
  scorm2004: { suspend: 'suspend', normal: 'normal' },
  // 1.2 has no "normal": finishing leaves the exit empty.
  scorm12: { suspend: 'suspend', normal: '' },
} as const satisfies Record<ScormVersion, { suspend: string; normal: string }>;
