import type { LessonPlan } from '@renderer/lesson/plan';

/**
 * The characters of a lesson's text (its screens and questions, as the plan holds them) beyond
 * ASCII, each once: the ones the page's own font may not have. An emoji in a message the lesson
 * quotes is drawn from a fallback font, and the first time a page meets one, Chromium looks the
 * fallback up and loads that font in the middle of the frame's layout (10-13 ms in the
 * bench's traces, issue 19 item 6).
 */
export function charactersBeyondAscii(plan: Pick<LessonPlan, 'steps'>): string {
  const seen = new Set<string>();
  // JSON.stringify keeps non-ASCII characters as they are; ids and keys are ASCII.
  for (const ch of JSON.stringify(plan.steps)) if ((ch.codePointAt(0) ?? 0) > 0x7e) seen.add(ch);
  return [...seen].join('');
}

/**
 * Finds and loads, while the page is idle, the fonts those characters will be drawn in: a canvas
 * never put in the document measures them in the page's own font, at the weights the player's
 * text uses, so Chromium's font fallback (a process-wide cache) already holds them when a step
 * shows them. Nothing is laid out, painted or added to the document.
 */
export function warmFonts(chars: string, sample: Element): void {
  if (chars === '') return;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(sample);
  for (const weight of ['400', '700']) {
    ctx.font = `${weight} ${style.fontSize} ${style.fontFamily}`;
    ctx.measureText(chars);
  }
}
