/**
 * Main times every answer by its own clock (records/verdict.ts). A test that moves the page's
 * clock while a "learner" reads moves main's too, through the preview started last.
 */
let advance: ((ms: number) => void) | null = null;

export function setMainClock(move: ((ms: number) => void) | null): void {
  advance = move;
}

export function moveMainClock(ms: number): void {
  advance?.(ms);
}
