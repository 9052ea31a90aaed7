/** The placeholders content may use (content/FORMAT.md); the app fills them per learner. */
export interface PlaceholderValues {
  trust: string;
  school: string;
  policyVersion: string;
}

/** {trust} {school} {policyVersion} filled in every string of a JSON-like value; the value given is untouched. */
export function fillPlaceholders<T>(value: T, values: PlaceholderValues): T {
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\{(trust|school|policyVersion)\}/g, (_m, key: keyof PlaceholderValues) => values[key]);
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(value) as T;
}
