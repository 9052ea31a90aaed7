import { encodeResponse, scoreResponse, type AnswerKey, type Item } from '@content/schema/index';

/**
 * Every way to answer an item, with whether it should be right, worked out from the authored item
 * itself (not from the key), so the key and the scorer are checked against the source.
 */
export function answersOf(item: Item): { response: string; right: boolean }[] {
  switch (item.kind) {
    case 'single':
      return item.options.map((o) => ({ response: o.id, right: o.correct === true }));
    case 'trueFalse':
      return [true, false].map((v) => ({ response: String(v), right: v === item.answer }));
    case 'sort': {
      const right = { response: encodeResponse({ kind: 'sort', placements: item.cards.map((c) => ({ card: c.id, group: c.group })) }), right: true };
      const wrong = item.cards.flatMap((card, i) =>
        item.groups
          .filter((g) => g.id !== card.group)
          .map((g) => ({
            response: encodeResponse({ kind: 'sort', placements: item.cards.map((c, j) => ({ card: c.id, group: j === i ? g.id : c.group })) }),
            right: false,
          })),
      );
      return [right, ...wrong];
    }
    case 'branching': {
      const best = new Set(item.endings.filter((e) => e.best).map((e) => e.id));
      const out: { response: string; right: boolean }[] = [];
      const walk = (nodeId: string, path: string[]) => {
        const node = item.nodes.find((n) => n.id === nodeId);
        for (const o of node?.options ?? []) {
          const step = [...path, `${nodeId}.${o.id}`];
          if (o.ending) out.push({ response: step.join(','), right: best.has(o.ending) });
          else if (o.next) walk(o.next, step);
        }
      };
      walk(item.start, []);
      return out;
    }
  }
}

/** Items whose key disagrees with their own authored answers. */
export function keyMismatches(items: Item[], key: AnswerKey): string[] {
  const bad: string[] = [];
  for (const item of items) {
    const k = key[item.id];
    if (!k) {
      bad.push(`${item.id}: no key`);
      continue;
    }
    for (const a of answersOf(item)) if (scoreResponse(k, a.response) !== a.right) bad.push(`${item.id}: ${a.response} should be ${a.right ? 'right' : 'wrong'}`);
  }
  return bad;
}
