/**
 * The element matching `selector`, as soon as it is in the document: at once if it is there, or
 * when a screen loaded on demand puts it there (null after `timeoutMs`). Screens are their own
 * chunks, so a heading to focus may arrive a moment after the navigation that asked for it.
 */
export function whenPresent(selector: string, timeoutMs = 5000): Promise<HTMLElement | null> {
  const now = document.querySelector<HTMLElement>(selector);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (el: HTMLElement | null): void => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(el);
    };
    const observer = new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) done(el);
    });
    const timer = setTimeout(() => done(null), timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
