import { defineAsyncComponent, type Component } from 'vue';
import HomeView from './HomeView.vue';

type Loader = () => Promise<{ default: Component }>;

/** Loaders of the screens a person reaches from the first one, fetched once it is showing. */
const nextScreens: Loader[] = [];

/** A screen loaded on demand; `soon`: one the home screen leads to, fetched while the PC is idle. */
function lazy(loader: Loader, soon = false): Component {
  if (soon) nextScreens.push(loader);
  return defineAsyncComponent(loader);
}

/** Every top-level screen by name; helpers add theirs here. */
// Only the home screen is in the first screen's code (issue 19 item 6: interactive within 200 ms);
// every other screen is its own chunk: no zod, XState, sign-in or catalogue code is parsed first.
export const views: Record<string, Component> = {
  home: HomeView,
  'new-account-request': lazy(() => import('../requests/NewAccountRequestView.vue')),
  'retrieval-check': lazy(() => import('../reminders/RetrievalCheckView.vue')),
  // A new edition of the policy for someone already complete: it plays in the lesson player.
  'what-changed': lazy(() => import('../reminders/WhatChangedView.vue')),
  signIn: lazy(() => import('./SignInView.vue'), true),
  pupilStart: lazy(() => import('./PupilStartView.vue'), true),
  catalogue: lazy(() => import('./CatalogueView.vue'), true),
  // The player (XState, the lesson code) loads with the first lesson, not with the first screen.
  lesson: lazy(() => import('./LessonView.vue')),
  // The admin area (and chart.js inside it) loads only when someone opens it.
  admin: lazy(() => import('../admin/AdminView.vue')),
  policy: lazy(() => import('./PolicyView.vue'), true),
  // Class mode (a teacher's whole class at the board): its own screens, loaded when first taught.
  teachClass: lazy(() => import('../classroom/TeachClassView.vue')),
  classLesson: lazy(() => import('../classroom/ClassLessonView.vue')),
  myClassCounts: lazy(() => import('../classroom/MyClassCountsView.vue')),
  certificate: lazy(() => import('./CertificateView.vue'), true),
};

/**
 * Fetches the screens the home screen leads to once it is painted and the browser is idle, so
 * "Staff: sign in" or "Read the policy" opens at once (the module is then in the page's module
 * map) without their code competing with the first screen.
 */
export function prefetchNextScreens(more: Loader[] = []): void {
  const fetchAll = (): void => {
    for (const load of [...nextScreens, ...more]) void load().catch(() => {});
  };
  // After the next frame is painted (a task posted from requestAnimationFrame), then when idle.
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(fetchAll, { timeout: 2000 });
      else fetchAll();
    }),
  );
}
