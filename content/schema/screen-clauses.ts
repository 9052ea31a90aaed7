// No zod here: the item draw (which the lesson player runs inside an LMS) asks what lessons teach.
import type { Screen } from './screens';

/** Clause ids a screen teaches: what it cites plus what it quotes. */
export function screenClauses(screen: Screen): string[] {
  const ids = [...(screen.clauses ?? [])];
  if (screen.kind === 'policyExcerpt') ids.push(...screen.quote);
  return [...new Set(ids)];
}
