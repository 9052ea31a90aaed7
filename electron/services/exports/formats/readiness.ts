import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import type { ExportFormat } from './info';

/** Why a format cannot produce a useful file yet, in the administrator's words, and where to fix it. */
export interface ExportBlocker {
  message: string;
  /** The admin area's settings section that fixes it. */
  fix: 'lms-settings';
}

/**
 * Said before an export starts (and before any save dialog): a Totara upload needs the LMS
 * username field and at least one staff module's course codes; xAPI statements need the username
 * field and the Trust's LMS address (their actor's home page). Nothing is ever made up instead.
 */
export function exportBlocker(format: ExportFormat, settings: Pick<Settings, 'lms'>, bundle: Bundle): ExportBlocker | null {
  const { lms } = settings;
  const missing: string[] = [];
  if (format === 'totara') {
    if (!lms.usernameField) missing.push('which staff detail is the LMS username (work email or staff ID)');
    const staffModules = bundle.courses.filter((c) => c.audience === 'staff').flatMap((c) => c.modules.map((m) => m.id));
    if (!staffModules.some((id) => lms.courses[id])) missing.push("the LMS course codes (short name and ID number) of the modules to upload");
    if (missing.length) return { message: `The Totara upload cannot be made yet: set ${missing.join(' and ')} in Settings, under The Trust's LMS.`, fix: 'lms-settings' };
  }
  if (format === 'xapi') {
    if (!lms.usernameField) missing.push('which staff detail is the LMS username (work email or staff ID)');
    if (!lms.homePage) missing.push("the Trust's LMS address");
    if (missing.length) return { message: `xAPI statements cannot be made yet: set ${missing.join(' and ')} in Settings, under The Trust's LMS.`, fix: 'lms-settings' };
  }
  return null;
}
