import { CLAUSE_ID_RE, SLUG_RE } from './formats';

// The interaction id names the item and the clauses it assesses in every SCORM record; plain code
// (no schema library) because the player writes it inside an LMS.

export const INTERACTION_ID_RE = /^[a-z0-9._-]{1,255}$/;

/** SCORM 1.2 and 2004 both accept this id: item id, '__', clause ids joined by '_'. */
export function interactionId(item: { id: string; clauses: readonly string[] } | { itemId: string; clauseIds: readonly string[] }): string {
  const [id, clauses] = 'id' in item ? [item.id, item.clauses] : [item.itemId, item.clauseIds];
  const out = `${id}__${clauses.join('_')}`;
  if (!INTERACTION_ID_RE.test(out)) throw new Error(`interaction id "${out}" is not a valid SCORM identifier ([a-z0-9._-], at most 255 characters)`);
  return out;
}

export function parseInteractionId(id: string): { itemId: string; clauseIds: string[] } {
  const at = id.indexOf('__');
  if (!INTERACTION_ID_RE.test(id) || at <= 0) throw new Error(`"${id}" is not an interaction id (expected <item id>__<clause ids joined by _>)`);
  const itemId = id.slice(0, at);
  const clauseIds = id.slice(at + 2).split('_');
  if (!SLUG_RE.test(itemId) || !clauseIds.every((c) => CLAUSE_ID_RE.test(c))) {
    throw new Error(`"${id}" is not an interaction id (bad item or clause id)`);
  }
  return { itemId, clauseIds };
}
