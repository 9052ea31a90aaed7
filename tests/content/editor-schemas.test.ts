import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EDITOR_SCHEMAS, schemaFile } from '@content/tools/editor-schemas';
import { contentRoot } from '@content/tools/paths';

/**
 * The JSON Schemas an author's editor reads (a standard validator stands in for the editor):
 * every real content file passes its schema, and the mistakes authors make are flagged there as
 * they type, before content:check runs.
 */
const root = contentRoot();
const ajv = new Ajv({ strict: false, allErrors: true });
const validator = (name: string) => {
  const e = EDITOR_SCHEMAS.find((x) => x.name === name)!;
  return ajv.compile(JSON.parse(readFileSync(join(root, schemaFile(e)), 'utf8')) as object);
};
const yamlOf = (rel: string): unknown => parse(readFileSync(join(root, rel), 'utf8'));

describe('editor schemas', () => {
  it('every content YAML file names its schema on its first line and passes it', () => {
    const yamls = (readdirSync(root, { recursive: true }) as string[]).map((f) => f.split(sep).join('/')).filter((f) => f.endsWith('.yaml'));
    let checked = 0;
    for (const e of EDITOR_SCHEMAS) {
      const validate = validator(e.name);
      for (const rel of yamls.filter((f) => e.files.test(f))) {
        const text = readFileSync(join(root, rel), 'utf8');
        expect(text.split('\n', 1)[0], rel).toMatch(new RegExp(`^# yaml-language-server: \\$schema=.*${e.name}\\.schema\\.json$`));
        expect(validate(parse(text)) ? [] : validate.errors, rel).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('flags an unknown field, a wrong type and a missing field, and describes the fields it completes', () => {
    const validate = validator('module');
    const good = yamlOf('courses/staff-induction/modules/tone.yaml') as Record<string, unknown>;
    expect(validate({ ...good, minuts: 5 })).toBe(false);
    expect(validate.errors?.some((x) => x.keyword === 'additionalProperties' && x.params.additionalProperty === 'minuts')).toBe(true);
    expect(validate({ ...good, minutes: 'five' })).toBe(false);
    const { title: _title, ...untitled } = good;
    expect(validate(untitled)).toBe(false);
    const schema = JSON.parse(readFileSync(join(root, 'json-schema/module.schema.json'), 'utf8')) as { properties: Record<string, { description?: string }> };
    expect(schema.properties.minutes?.description).toMatch(/minutes/);
    const bank = JSON.parse(readFileSync(join(root, 'json-schema/bank.schema.json'), 'utf8')) as object;
    expect(JSON.stringify(bank)).toContain('true on exactly one option');
  });
});
