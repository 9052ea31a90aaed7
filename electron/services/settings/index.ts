// The Trust's settings (one JSON value per key in the records database).
export { SettingsService, DEFAULT_SETTINGS, contactsOutsideSchools } from './service';
export { followBundleEdition, FIRST_BUNDLED_EDITION, type EditionChange } from './edition';
export { policyApproval } from './approval';
