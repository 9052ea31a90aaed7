import type { SchoolContacts } from '@contract';

/** One school's contacts as the form edits them: every field a string, deputies a fixed few rows. */
export interface ContactsEntry {
  school: string;
  dslName: string;
  dslPhone: string;
  deputies: { name: string; phone: string }[];
  oohHow: string;
  oohPhone: string;
  ladoName: string;
  ladoPhone: string;
}

const DEPUTY_ROWS = 3;

export function emptyEntry(school = ''): ContactsEntry {
  return { school, dslName: '', dslPhone: '', deputies: Array.from({ length: DEPUTY_ROWS }, () => ({ name: '', phone: '' })), oohHow: '', oohPhone: '', ladoName: '', ladoPhone: '' };
}

export function toEntry(c: SchoolContacts): ContactsEntry {
  const deputies = c.deputies.map((d) => ({ ...d }));
  while (deputies.length < DEPUTY_ROWS) deputies.push({ name: '', phone: '' });
  return {
    school: c.school,
    dslName: c.dsl.name,
    dslPhone: c.dsl.phone,
    deputies,
    oohHow: c.outOfHours?.how ?? '',
    oohPhone: c.outOfHours?.phone ?? '',
    ladoName: c.lado?.name ?? '',
    ladoPhone: c.lado?.phone ?? '',
  };
}

const blank = (...parts: string[]): boolean => parts.every((p) => !p.trim());

/**
 * The entries main validates: an entry left wholly empty is dropped; a half-filled part (a name
 * without a number) is sent as it is, so main's message names the field that is missing.
 */
export function fromEntries(entries: readonly ContactsEntry[]): SchoolContacts[] {
  return entries
    .filter((e) => !blank(e.school, e.dslName, e.dslPhone, e.oohHow, e.oohPhone, e.ladoName, e.ladoPhone, ...e.deputies.flatMap((d) => [d.name, d.phone])))
    .map((e) => ({
      school: e.school,
      dsl: { name: e.dslName, phone: e.dslPhone },
      deputies: e.deputies.filter((d) => !blank(d.name, d.phone)).map((d) => ({ name: d.name, phone: d.phone })),
      outOfHours: blank(e.oohHow, e.oohPhone) ? null : { how: e.oohHow, phone: e.oohPhone.trim() ? e.oohPhone : null },
      lado: blank(e.ladoName, e.ladoPhone) ? null : { name: e.ladoName, phone: e.ladoPhone },
    }));
}

const CONTACT_PARTS: Record<string, string> = {
  school: 'school',
  'dsl.name': "DSL's name",
  'dsl.phone': "DSL's phone",
  'outOfHours.how': 'out of school hours, what to do',
  'outOfHours.phone': 'out of school hours, phone',
  'lado.name': 'LADO, name or team',
  'lado.phone': 'LADO, phone',
};
const SETTING_NAMES: Record<string, string> = {
  trustName: 'Trust name',
  schools: 'Schools',
  policyVersionLabel: 'Policy version label',
  policyApprovalIso: 'Approval date',
  adminIdleMinutes: 'Minutes before the admin area locks itself',
  'lms.homePage': "The LMS's web address",
  'lms.usernameField': 'Username in the LMS',
  safeguardingContacts: 'Who staff tell',
};

/**
 * Main's refusal in the form's own words: "settings.set: safeguardingContacts.0.dsl.phone: …"
 * becomes "Hayle Academy, DSL's phone: …", so the administrator knows which box to correct.
 */
export function plainSettingsError(message: string, sent: readonly SchoolContacts[]): string {
  return message
    .replace(/^settings\.set: /, '')
    .replace(/safeguardingContacts\.(\d+)\.deputies\.(\d+)\.(name|phone)/g, (_m, i: string, j: string, part: string) => `${sent[Number(i)]?.school || 'A school'}, deputy ${Number(j) + 1}'s ${part}`)
    .replace(/safeguardingContacts\.(\d+)\.([a-zA-Z.]+)/g, (_m, i: string, part: string) => `${sent[Number(i)]?.school || 'A school'}, ${CONTACT_PARTS[part] ?? part}`)
    .replace(/lms\.courses\.[a-z0-9-]+\.(shortName|idNumber)/g, (_m, part: string) => `LMS course ${part === 'shortName' ? 'short name' : 'id number'}`)
    .replace(/(^|; |\n)([a-zA-Z.]+):/g, (m, lead: string, key: string) => (SETTING_NAMES[key] ? `${lead}${SETTING_NAMES[key]}:` : m));
}
