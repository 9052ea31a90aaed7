import type { Component } from 'vue';
import HomeView from './HomeView.vue';

/** Every top-level screen by name; helpers add theirs here. */
export const views: Record<string, Component> = {
  home: HomeView,
};
