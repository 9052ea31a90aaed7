import { defineAsyncComponent, type Component } from 'vue';
import HomeView from './HomeView.vue';
import SignInView from './SignInView.vue';
import PupilStartView from './PupilStartView.vue';
import CatalogueView from './CatalogueView.vue';
import PolicyView from './PolicyView.vue';
import CertificateView from './CertificateView.vue';

/** Every top-level screen by name; helpers add theirs here. */
// Screens other than the first few load on demand: the first screen stays small (no zod, no XState).
export const views: Record<string, Component> = {
  home: HomeView,
  'new-account-request': defineAsyncComponent(() => import('../requests/NewAccountRequestView.vue')),
  'retrieval-check': defineAsyncComponent(() => import('../reminders/RetrievalCheckView.vue')),
  // A new edition of the policy for someone already complete: it plays in the lesson player.
  'what-changed': defineAsyncComponent(() => import('../reminders/WhatChangedView.vue')),
  signIn: SignInView,
  pupilStart: PupilStartView,
  catalogue: CatalogueView,
  // The player (XState, the lesson code) loads with the first lesson, not with the first screen.
  lesson: defineAsyncComponent(() => import('./LessonView.vue')),
  // The admin area (and chart.js inside it) loads only when someone opens it.
  admin: defineAsyncComponent(() => import('../admin/AdminView.vue')),
  policy: PolicyView,
  // Class mode (a teacher's whole class at the board): its own screens, loaded when first taught.
  teachClass: defineAsyncComponent(() => import('../classroom/TeachClassView.vue')),
  classLesson: defineAsyncComponent(() => import('../classroom/ClassLessonView.vue')),
  myClassCounts: defineAsyncComponent(() => import('../classroom/MyClassCountsView.vue')),
  certificate: CertificateView,
};
