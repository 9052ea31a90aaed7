import type { Browser, Page } from 'playwright-core';
import { watchProblems } from '../helpers/browser';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';

/**
 * The shared set-up of the journey suites: one Chromium and one preview per file; pages that
 * record every page error, console error and CSP violation, so a journey that "works" but breaks
 * the CSP fails; and main's own view of a learner's attempts.
 */
export function useJourneyHarness() {
  let browser: Browser;
  let preview: Preview;
  useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    // Time flows as usual; the driver moves it on while the "learner" reads (answers under 1 s do not count).
    await page.clock.install();
    await page.goto(preview.server.url);
    return { page, problems };
  }

  /** One learner's attempts at a module, oldest first, as main recorded them. */
  const attemptsOf = (moduleId: string, email: string) =>
    preview.started.services.db
      .prepare(
        `SELECT a.id, a.status, a.score_percent, a.drawn_item_ids, a.finished_at FROM attempts a JOIN learners l ON l.id = a.learner_id
         WHERE a.module_id = ? AND l.work_email = ? ORDER BY a.started_at`,
      )
      .all(moduleId, email) as { id: string; status: string; score_percent: number | null; drawn_item_ids: string; finished_at: string | null }[];

  return { watchedPage, attemptsOf, preview: () => preview };
}
