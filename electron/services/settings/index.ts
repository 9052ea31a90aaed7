// The Trust's settings (one JSON value per key in the records database, written as journal entries).
export { SettingsService, DEFAULT_SETTINGS, readSettings, contactsOutsideSchools } from './service';
export { followBundleEdition, FIRST_BUNDLED_EDITION, type EditionChange } from './edition';
export { policyApproval } from './approval';
export type { SettingsEntry, NewSettingsEntry, SettingsWrite } from './journal-entries';
