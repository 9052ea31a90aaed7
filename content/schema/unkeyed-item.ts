import type { Item, Module } from './index';
import type { UnkeyedItem } from './unkeyed';

// Plain code (no schema library): main strips the key with it, the player tells keyed from unkeyed.

/** An item the player may hold: keyed (lessons, an LMS package) or sent without its key (scored modules in the app). */
export type PlayerItem = Item | UnkeyedItem;

export const isKeyed = (item: PlayerItem): item is Item => !('unkeyed' in item);

/** Scored modules (assessment, refresher) draw their questions: in the app their key stays in main. */
export const isScored = (module: Pick<Module, 'draw'>): boolean => module.draw !== undefined;

/** The item as the learner may see it before answering: what to read and choose from, no key. */
export function withoutKey(item: Item): UnkeyedItem {
  const common = {
    id: item.id,
    ...(item.section ? { section: item.section } : {}),
    clauses: [...item.clauses],
    stem: item.stem,
    ...(item.picture ? { picture: item.picture } : {}),
    unkeyed: true as const,
  };
  switch (item.kind) {
    case 'single':
      return { ...common, kind: 'single', options: item.options.map((o) => ({ id: o.id, text: o.text, ...(o.picture ? { picture: o.picture } : {}) })) };
    case 'trueFalse':
      return { ...common, kind: 'trueFalse' };
    case 'sort':
      return {
        ...common,
        kind: 'sort',
        groups: item.groups.map((g) => ({ id: g.id, label: g.label })),
        cards: item.cards.map((c) => ({ id: c.id, text: c.text, ...(c.picture ? { picture: c.picture } : {}) })),
      };
    case 'branching':
      return {
        ...common,
        kind: 'branching',
        start: item.start,
        nodes: item.nodes.map((n) => ({
          id: n.id,
          prompt: n.prompt,
          options: n.options.map((o) => (o.next !== undefined ? { id: o.id, text: o.text, consequence: o.consequence, next: o.next } : { id: o.id, text: o.text, ends: true as const })),
        })),
      };
  }
}
