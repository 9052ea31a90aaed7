import type { Cmi, ScormVersion } from '@content/scorm';

/**
 * scorm-again's flattened JSON → the contract's shape: empty collections (`{}`) and empty
 * strings say nothing, so they are left out; everything else is kept as the string SCORM stores.
 */
export function toContractCmi(version: ScormVersion, flattened: Record<string, unknown>): Cmi {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(flattened)) {
    if (typeof value === 'string' && value !== '') data[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') data[key] = String(value);
  }
  return { version, data };
}

/** Elements the LMS owns and recomputes on every launch; a resume must not carry them over. */
const NOT_RESTORED = [/^cmi\.(core\.)?entry$/, /^cmi\.(core\.)?session_time$/, /^cmi\.(core\.)?exit$/, /^cmi\.(core\.)?credit$/, /^cmi\.(core\.)?lesson_mode$/, /^cmi\.mode$/];

/** The previous session's cmi, as scorm-again's loadFromFlattenedJSON takes it before Initialize. */
export function toResumeData(cmi: Cmi): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(cmi.data)) if (!NOT_RESTORED.some((re) => re.test(key))) out[key] = value;
  return out;
}
