let count = 0;

/** A prefix for one picture's ids (gradients, clip paths), unique on the page. */
export function nextPictureId(): string {
  count += 1;
  return `pic${count}-`;
}
