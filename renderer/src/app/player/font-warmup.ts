import type { LessonPlan } from '@renderer/lesson/plan';

/**
 * Every character of a lesson's text (its screens and questions, as the plan holds them) but
 * spaces and controls, each once: the glyphs its steps will draw. An emoji in a message the
 * lesson quotes is drawn from a fallback font, which Chromium finds and loads the first time a
 * page draws one, in the middle of that frame's layout (10-13 ms in the bench's traces).
 */
export function lessonCharacters(plan: Pick<LessonPlan, 'steps'>): string {
  const seen = new Set<string>();
  // JSON.stringify keeps non-ASCII characters as they are; ids and keys add only ASCII.
  for (const ch of JSON.stringify(plan.steps)) if ((ch.codePointAt(0) ?? 0) > 0x20) seen.add(ch);
  return [...seen].join('');
}

/**
 * The text styles the player's stylesheet (styles.css and its components') gives a step's text:
 * a weight and a size, in em of the player's own font or in rem. Each is a font "strike" that
 * Chromium sets up the first time a page draws it (its render style asked of the browser process,
 * its glyphs shaped and rasterised), in the frame of the press that first shows it.
 * tests/e2e/player-font-strikes.test.ts checks that every step of the lessons draws only these.
 */
export const STEP_TEXT_STYLES: readonly { weight: number; em?: number; rem?: number; pupil?: true }[] = [
  // In the order a lesson first needs them; the page's first screen has set up some already.
  { weight: 400, em: 1 }, // paragraphs, choices, buttons (and the fallback font of an emoji they quote)
  { weight: 600, em: 1 }, // legends, labels, dt
  { weight: 700, em: 1.17 }, // h3
  { weight: 700, em: 1 }, // strong, feedback marks
  { weight: 700, em: 1.5 }, // the step's h2
  { weight: 600, rem: 1.1 }, // the lesson's title
  { weight: 700, rem: 1.1 }, // the verdict
  { weight: 400, em: 0.85 }, // "Your first answer" on a choice
  { weight: 400, rem: 1.15, pupil: true }, // a pupil's choices
  { weight: 400, rem: 1.15 * 0.85, pupil: true }, // "tried" in a pupil's choice
  { weight: 700, em: 1.15, pupil: true }, // a pupil's sort boxes
  { weight: 400, em: 1.15 * 0.8, pupil: true }, // a sort box's "Put it here", once a card is picked
  { weight: 600, em: 0.85, pupil: true }, // a picked card's "Chosen"
];

/** The canvas fonts (CSS `font` shorthand) of STEP_TEXT_STYLES for the player element given. */
export function stepFonts(player: Element): string[] {
  const own = getComputedStyle(player);
  const em = parseFloat(own.fontSize);
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const pupil = player.classList.contains('pupil');
  const fonts = STEP_TEXT_STYLES.filter((s) => pupil || !s.pupil).map((s) => `${s.weight} ${s.rem !== undefined ? s.rem * rem : (s.em ?? 1) * em}px ${own.fontFamily}`);
  return [...new Set(fonts)];
}

/**
 * Sets up the fonts of the lesson's steps while the page is idle, in one go (the first idle
 * period after the player's first screen): a canvas never put in the document measures the
 * lesson's characters in each step text style, so Chromium's per-page font caches (each strike's
 * render style, which it asks of the browser process; the fallback font of an emoji; the glyphs'
 * outlines and advances) hold them when a step shows them, instead of in the layout of a press's
 * frame (issue 19 item 6). Nothing is laid out, painted or added to the document.
 */
export function warmStepFonts(player: Element, chars: string): void {
  if (chars === '') return;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  for (const font of stepFonts(player)) {
    ctx.font = font;
    ctx.measureText(chars);
  }
}
