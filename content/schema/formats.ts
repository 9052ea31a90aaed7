// Id formats and fixed word lists of the content, free of the schema library: the SCORM player
// (which must stay small inside an LMS) uses them without loading zod. ids.ts and items.ts build
// their zod schemas from these.

// Ids are lower-case slugs so they survive every place they travel: file names, SCORM
// interaction ids (1.2 and 2004), CSV columns and URLs.
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CLAUSE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Single letters fit both SCORM versions' choice response formats.
export const OPTION_ID_RE = /^[a-f]$/;

export const ITEM_KINDS = ['single', 'trueFalse', 'sort', 'branching'] as const;

export const ROLE_IDS = ['teaching', 'support', 'volunteer', 'leader', 'account-runner'] as const;
