import type { Component } from 'vue';
import HomeView from './HomeView.vue';
import NewAccountRequestView from '../requests/NewAccountRequestView.vue';
import AccountRequestsAdminView from '../requests/AccountRequestsAdminView.vue';
import RetrievalCheckView from '../reminders/RetrievalCheckView.vue';
import ClauseCountsView from '../reminders/ClauseCountsView.vue';

/** Every top-level screen by name; helpers add theirs here. */
export const views: Record<string, Component> = {
  home: HomeView,
  'new-account-request': NewAccountRequestView,
  'account-requests': AccountRequestsAdminView,
  'retrieval-check': RetrievalCheckView,
  'retrieval-counts': ClauseCountsView,
};
