import type { Item, Module, Screen } from '../schema/index';
import type { Path } from './source';

/** The body text a lesson's readability is measured on: every screen's prose, not titles or quotes. */
export function screenUnits(screen: Screen): string[] {
  const body = screen.body !== undefined ? [screen.body] : [];
  switch (screen.kind) {
    case 'text':
    case 'policyExcerpt':
      return body;
    case 'keyPoints':
      return [...body, ...screen.points];
    case 'workedExample':
      return [screen.situation, ...screen.steps, ...body];
    case 'whoToTell':
      return [...body, ...screen.routes.flatMap((r) => [r.situation, r.how].filter((t): t is string => t !== undefined))];
    case 'reflection':
      return [...body, ...screen.choices];
  }
}

export function lessonUnits(module: Module): string[] {
  return module.screens.flatMap(screenUnits);
}

/** Every short learner-facing string of an item that the sentence-length rule applies to, with its path. */
export function itemStrings(item: Item): { path: Path; text: string }[] {
  const out: { path: Path; text: string }[] = [{ path: ['stem'], text: item.stem }];
  const add = (path: Path, text: string | undefined) => {
    if (text !== undefined) out.push({ path, text });
  };
  add(['hint'], item.hint);
  switch (item.kind) {
    case 'single':
      item.options.forEach((o, i) => {
        add(['options', i, 'text'], o.text);
        add(['options', i, 'feedback'], o.feedback);
      });
      break;
    case 'trueFalse':
      add(['feedback', 'true'], item.feedback.true);
      add(['feedback', 'false'], item.feedback.false);
      break;
    case 'sort':
      item.cards.forEach((c, i) => {
        add(['cards', i, 'text'], c.text);
        add(['cards', i, 'feedback'], c.feedback);
      });
      break;
    case 'branching':
      item.nodes.forEach((n, ni) => {
        add(['nodes', ni, 'prompt'], n.prompt);
        n.options.forEach((o, oi) => {
          add(['nodes', ni, 'options', oi, 'text'], o.text);
          add(['nodes', ni, 'options', oi, 'consequence'], o.consequence);
          add(['nodes', ni, 'options', oi, 'feedback'], o.feedback);
        });
      });
      item.endings.forEach((e, i) => add(['endings', i, 'text'], e.text));
      break;
  }
  return out;
}
