import type { Item } from '@content/schema';
import { parseResponse } from '@content/schema/scoring';

/** What a learner chose, in the question's own words (a sort: each card with the box it went in). */
export function chosenText(item: Item, response: string): string {
  switch (item.kind) {
    case 'single':
      return item.options.find((o) => o.id === response)?.text ?? '';
    case 'trueFalse':
      return response === 'true' ? 'True' : 'False';
    case 'sort': {
      const r = parseResponse('sort', response);
      if (r.kind !== 'sort') return '';
      return r.placements
        .map((p) => `${item.cards.find((c) => c.id === p.card)?.text ?? p.card} → ${item.groups.find((g) => g.id === p.group)?.label ?? p.group}`)
        .join('; ');
    }
    default:
      return '';
  }
}

/** How many cards of a sort answer are in the wrong box. */
export function misplacedCards(item: Extract<Item, { kind: 'sort' }>, response: string): number {
  const r = parseResponse('sort', response);
  if (r.kind !== 'sort') return 0;
  return item.cards.filter((c) => r.placements.find((p) => p.card === c.id)?.group !== c.group).length;
}

/** The boxes of a sort answer, card id → group id (a second try starts from the first). */
export function sortPlacements(response: string): Record<string, string> {
  const r = parseResponse('sort', response);
  return r.kind === 'sort' ? Object.fromEntries(r.placements.map((p) => [p.card, p.group])) : {};
}
