import type { Frame, Page } from 'playwright-core';
import type { BANDS, BundleCourse, Item } from '@content/schema';
import { rightAnswer, wrongAnswer } from './support';
import { moveMainClock } from '../helpers/main-clock';

/** A page or a frame: the player runs in either (the app, or an LMS's iframe). */
export type Surface = Page | Frame;

export const phaseOf = (s: Surface): Promise<string | null> => s.locator('[data-testid="step"]').getAttribute('data-phase');
export const stepIdOf = (s: Surface): Promise<string | null> => s.locator('[data-testid="step"]').getAttribute('data-step');

/** Waits until the step on screen differs from `before` (phase, step or branching node). */
async function changed(s: Surface, before: string): Promise<void> {
  // Up to 15 s: CI machines are two cores shared with other suites.
  for (let i = 0; i < 600; i++) {
    if ((await signature(s)) !== before) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the player did not move on from ${before}`);
}

const signature = async (s: Surface): Promise<string> =>
  `${await phaseOf(s)}|${await stepIdOf(s)}|${await s.locator('form.question').getAttribute('data-node', { timeout: 50 }).catch(() => '')}`;

async function click(s: Surface, name: string | RegExp): Promise<void> {
  const before = await signature(s);
  // Inside the page's main content: the header has buttons of its own (a pupil's "Finish").
  await s.locator('main').getByRole('button', { name }).first().click();
  await changed(s, before);
}

/**
 * The player records a step once its screen is painted, when the page is next idle (LessonRun's
 * afterScreen, `afterPaint`: an idle callback asked for from the next frame): a frame callback
 * queued now runs after the player's, and the idle callback it queues after the record's, so the
 * record has been made (its commit under way) when this resolves. Playwright's clock, when
 * installed, runs frame and idle callbacks as timers in the order they were queued, so this holds
 * under it too.
 */
async function recorded(s: Surface): Promise<void> {
  await s.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 5000 }) : setTimeout(resolve, 0))),
      ),
  );
}

/**
 * In the app, main notes when a question is shown by the commit that shows it: wait until that is
 * saved before time moves on. Only the app's own save is waited for ('Saving…' until main answers);
 * an LMS's labels (review, a refused save) are the test's to check, not a save in flight.
 */
async function savedInApp(s: Surface): Promise<void> {
  await recorded(s);
  const save = s.locator('[data-testid="save-state"]');
  for (let i = 0; i < 600; i++) {
    if ((await save.count()) === 0 || ((await save.textContent()) ?? '').trim() !== 'Saving…') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the question was never saved: ${await save.textContent()}`);
}

/**
 * A learner reads before answering: main does not count an answer given in under a second by its
 * own clock (records/verdict.ts), so main's clock moves on (the preview's, tests/helpers/main-clock)
 * and so does the page's (the player's own timing). Playwright installs its clock on the first
 * fast-forward if the suite has not; any failure here is the test's failure, never ignored.
 */
export async function think(s: Surface, ms = 4000): Promise<void> {
  const page = 'page' in s && typeof s.page === 'function' ? s.page() : (s as Page);
  await savedInApp(s);
  moveMainClock(ms);
  await page.clock.fastForward(ms);
}

/**
 * Answers the question on screen with a neutral response, by pointer. A branching scenario is
 * walked decision by decision; `onConsequence` sees each consequence screen between decisions.
 */
export async function answerByPointer(s: Surface, item: Item, response: string, onConsequence?: (stepId: string) => Promise<void>): Promise<void> {
  await think(s);
  switch (item.kind) {
    case 'single':
      await s.locator('form.question label.choice').filter({ has: s.locator(`input[value="${response}"]`) }).locator('input').check();
      return click(s, /^Check (my|the class's) (answer|second try)$/);
    case 'trueFalse':
      await s.locator(`form.question input[value="${response}"]`).check();
      return click(s, /^Check (my|the class's) (answer|second try)$/);
    case 'sort':
      if ((await s.locator('.tap-sort').count()) > 0) {
        // Pupils tap a card, then the box it goes in.
        for (const pair of response.split(',')) {
          const [card, group] = pair.split('.');
          await s.locator(`.tap-sort button[data-card="${card}"]`).click();
          await s.locator(`.tap-sort [data-group="${group}"] .sort-box-button`).click();
        }
      } else {
        for (const pair of response.split(',')) {
          const [card, group] = pair.split('.');
          await s.getByLabel(item.cards.find((c) => c.id === card)?.text ?? '', { exact: true }).selectOption(group ?? '');
        }
      }
      return click(s, /^Check (my|the class's) (answer|second try)$/);
    case 'branching': {
      const steps = response.split(',');
      for (const [i, pair] of steps.entries()) {
        const [nodeId, optionId] = pair.split('.');
        const opt = item.nodes.find((n) => n.id === nodeId)?.options.find((o) => o.id === optionId);
        await s.getByRole('radio', { name: opt?.text ?? '', exact: true }).check();
        await click(s, 'Choose');
        if (i < steps.length - 1) {
          if ((await phaseOf(s)) !== 'consequence') throw new Error(`no consequence screen after ${pair} in ${item.id}`);
          await onConsequence?.((await stepIdOf(s)) ?? '');
          await click(s, 'Continue');
        }
      }
    }
  }
}

export interface RunOptions {
  course: BundleCourse;
  pick: (item: Item, n: number) => 'right' | 'wrong';
  /** A pupil's second try after a wrong first answer (default: right). */
  second?: (item: Item) => 'right' | 'wrong';
  /** Stop when this many questions have been answered (leave midway). */
  stopAfter?: number;
  /** Called on every state the player shows (axe checks), a scenario's consequence screens included. */
  onState?: (phase: string, stepId: string) => Promise<void>;
  acknowledge?: boolean;
}

/** Plays a lesson to its end through the real UI; returns the item ids asked, in order. */
export async function playLesson(s: Surface, o: RunOptions): Promise<string[]> {
  const asked: string[] = [];
  const items = new Map([...o.course.bank, ...o.course.modules.flatMap((m) => m.questions ?? [])].map((i) => [i.id, i]));
  const onConsequence = o.onState ? (stepId: string) => o.onState!('consequence', stepId) : undefined;
  await s.locator('[data-testid="step"]').waitFor();
  for (let guard = 0; guard < 300; guard++) {
    const phase = (await phaseOf(s)) ?? '';
    const stepId = (await stepIdOf(s)) ?? '';
    await o.onState?.(phase, stepId);
    if (phase === 'done') return asked;
    if (phase === 'question') {
      const item = items.get(stepId);
      if (!item) throw new Error(`question ${stepId} is not in the course`);
      if (asked.at(-1) === item.id) {
        // The second try, after the hint.
        await answerByPointer(s, item, (o.second?.(item) ?? 'right') === 'right' ? rightAnswer(item) : wrongAnswer(item), onConsequence);
        continue;
      }
      if (o.stopAfter !== undefined && asked.length >= o.stopAfter) return asked;
      asked.push(item.id);
      await answerByPointer(s, item, o.pick(item, asked.length - 1) === 'right' ? rightAnswer(item) : wrongAnswer(item), onConsequence);
    } else if (phase === 'acknowledge') {
      if (o.acknowledge === false) return asked;
      await s.getByRole('checkbox', { name: 'I confirm the statement above.' }).check();
      await click(s, 'Acknowledge the policy');
    } else {
      await click(s, /^(Next|Continue|Finish|Continue to the acknowledgement|Try again|Start the assessment|Start the refresher)$/);
    }
  }
  throw new Error('the lesson did not end in 300 steps');
}

/** Staff sign-in through the form: a first sign-in chooses the PIN (typed twice); `returning` uses it. */
export async function signInStaff(page: Page, who: { name: string; email: string; school: string; role?: string; pin: string; returning?: boolean }): Promise<void> {
  await page.getByTestId('go-sign-in').click();
  await page.getByLabel('Your name').fill(who.name);
  await page.locator('#si-email').fill(who.email);
  const school = page.locator('#si-school');
  if ((await school.evaluate((el) => el.tagName)) === 'SELECT') await school.selectOption(who.school);
  else await school.fill(who.school);
  await page.getByLabel('Role').selectOption(who.role ?? 'teaching');
  if (who.returning) {
    await page.getByLabel('No: I have a PIN').check();
    await page.getByLabel('Your PIN').fill(who.pin);
  } else {
    await page.getByLabel('Yes: I will choose a PIN').check();
    await page.getByLabel(/^Choose a PIN/).fill(who.pin);
    await page.getByLabel('Type the PIN again').fill(who.pin);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your modules' }).waitFor();
}

/** A teacher starts a pupil's session from their own home screen; it waits for the pupil's greeting. */
export async function startPupil(page: Page, pupil: { firstName: string; initial: string; className: string; band: (typeof BANDS)[number] }): Promise<void> {
  await page.getByTestId('start-pupil').click();
  await page.getByLabel('First name').fill(pupil.firstName);
  await page.getByLabel('Initial of last name').fill(pupil.initial);
  await page.getByLabel('Class').fill(pupil.className);
  await page.getByLabel('Age band').selectOption(pupil.band);
  await page.getByRole('button', { name: "Start the pupil's session" }).click();
  await page.getByRole('heading', { name: `Hello, ${pupil.firstName} ${pupil.initial.toUpperCase()}` }).waitFor();
}

// ---- keyboard only ---------------------------------------------------------------------------

interface Focused {
  tag: string;
  type: string;
  id: string;
  name: string;
  testid: string;
  checked: boolean;
  value: string;
}

const focused = (s: Surface): Promise<Focused> =>
  s.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.closest('label')?.textContent ?? (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '') ?? '';
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      id: el?.id ?? '',
      name: (label || el?.textContent || '').replace(/\s+/g, ' ').trim(),
      testid: el?.getAttribute('data-testid') ?? '',
      checked: el?.checked ?? false,
      value: el?.value ?? '',
    };
  });

/** Presses Tab until the focused element matches; fails if it never does (a keyboard trap or a missing control). */
export async function tabTo(page: Page, match: (f: Focused) => boolean, what: string): Promise<Focused> {
  for (let i = 0; i < 60; i++) {
    const f = await focused(page);
    if (match(f)) return f;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

async function pressAndWait(page: Page, key: string): Promise<void> {
  const before = await signature(page);
  await page.keyboard.press(key);
  await changed(page, before);
}

/** Answers the question on screen with the keyboard alone: Tab, arrow keys, Space and Enter. */
export async function answerByKeyboard(page: Page, item: Item, response: string): Promise<void> {
  await think(page);
  if (item.kind === 'single' || item.kind === 'trueFalse') {
    const want = item.kind === 'single' ? (item.options.find((o) => o.id === response)?.text ?? '') : response === 'true' ? 'True' : 'False';
    await tabTo(page, (f) => f.type === 'radio', 'the first choice');
    for (let i = 0; i < 6; i++) {
      const f = await focused(page);
      if (f.value === response) break;
      await page.keyboard.press('ArrowDown');
    }
    const f = await focused(page);
    if (f.value !== response || !f.name.startsWith(want)) throw new Error(`arrow keys did not reach "${want}"`);
    if (!f.checked) await page.keyboard.press('Space');
  } else if (item.kind === 'sort' && (await page.locator('.tap-sort').count()) > 0) {
    // Tap-to-sort by keyboard: Tab to a card, Enter; Tab to its box, Enter.
    for (const pair of response.split(',')) {
      const [card, group] = pair.split('.');
      const cardText = item.cards.find((c) => c.id === card)?.text ?? '';
      const label = item.groups.find((g) => g.id === group)?.label ?? '';
      await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(cardText), `the card "${cardText}"`);
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(label), `the box "${label}"`);
      await page.keyboard.press('Enter');
    }
  } else if (item.kind === 'sort') {
    for (const pair of response.split(',')) {
      const [card, group] = pair.split('.');
      const cardText = item.cards.find((c) => c.id === card)?.text ?? '';
      await tabTo(page, (f) => f.tag === 'select' && f.name === cardText, `the group list of "${cardText}"`);
      for (let i = 0; i < item.groups.length + 2 && (await focused(page)).value !== group; i++) await page.keyboard.press('ArrowDown');
      if ((await focused(page)).value !== group) throw new Error(`arrow keys did not choose group ${group} for ${cardText}`);
    }
  } else {
    throw new Error('branching by keyboard is not needed by the pupil lessons');
  }
  await tabTo(page, (f) => f.tag === 'button' && /^Check (my|the class's) (answer|second try)$/.test(f.name), 'Check my answer');
  await pressAndWait(page, 'Enter');
}

/** Plays a lesson to its end with the keyboard alone; the focus starts on each new step's heading. */
export async function playByKeyboard(page: Page, o: RunOptions): Promise<string[]> {
  const asked: string[] = [];
  const items = new Map([...o.course.bank, ...o.course.modules.flatMap((m) => m.questions ?? [])].map((i) => [i.id, i]));
  await page.locator('[data-testid="step"]').waitFor();
  for (let guard = 0; guard < 200; guard++) {
    const phase = (await phaseOf(page)) ?? '';
    const stepId = (await stepIdOf(page)) ?? '';
    await o.onState?.(phase, stepId);
    if (phase === 'done') return asked;
    const f = await focused(page);
    if (f.tag !== 'h2') throw new Error(`focus is on ${f.tag} "${f.name}", not on the new step's heading (${phase} ${stepId})`);
    if (phase === 'question') {
      const item = items.get(stepId);
      if (!item) throw new Error(`question ${stepId} is not in the course`);
      if (asked.at(-1) === item.id) {
        await answerByKeyboard(page, item, (o.second?.(item) ?? 'right') === 'right' ? rightAnswer(item) : wrongAnswer(item));
        continue;
      }
      asked.push(item.id);
      await answerByKeyboard(page, item, o.pick(item, asked.length - 1) === 'right' ? rightAnswer(item) : wrongAnswer(item));
    } else {
      // A scored answer's feedback (and Next) come with main's reply to the commit that recorded it.
      await page.locator('[data-testid="judging"]').waitFor({ state: 'detached' });
      await tabTo(page, (x) => x.testid === 'next', 'the Next button');
      await pressAndWait(page, 'Enter');
    }
  }
  throw new Error('the lesson did not end in 200 steps');
}
