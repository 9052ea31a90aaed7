import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { z } from 'zod';
import { AgeLimits, BankFile, ClauseRegistry, CourseFile, Module, SceneCatalogue } from '../schema';
import type { Diagnostic } from './diagnostics';
import { ExceptionsFile } from './modal';

/**
 * JSON Schemas for the content's YAML files, generated from the zod schemas (field descriptions
 * included), so an author's editor completes and checks the fields as they type. Each YAML file
 * names its schema on its first line, the modeline the YAML language server reads:
 *   # yaml-language-server: $schema=../../../json-schema/module.schema.json
 * content:check fails when a schema file is stale or a modeline is missing; `npm run content:schemas`
 * writes both.
 */
export const SCHEMA_DIR = 'json-schema';

interface EditorSchema {
  name: string;
  title: string;
  description: string;
  schema: z.ZodType;
  /** Which YAML files (path under content/, with /) it describes. */
  files: RegExp;
  /** Where the authored file may say less than the compiled shape (the compiler fills it in). */
  authoring?: (json: JsonNode) => void;
}

type JsonNode = { [key: string]: unknown };

/** Every object in a JSON Schema, depth first. */
function* objects(node: unknown): Generator<JsonNode> {
  if (Array.isArray(node)) for (const x of node) yield* objects(x);
  else if (node && typeof node === 'object') {
    yield node as JsonNode;
    for (const x of Object.values(node)) yield* objects(x);
  }
}

/**
 * What a module file may leave to the compiler: a pupil lesson's whoToTell screen its routes (the
 * course's helpRoutes, help-routes.ts), a keyPoints screen its points when it says
 * `pointsFrom: age-limits` (content/facts/age-limits.yaml, age-limits.ts).
 */
function filledByCompiler(json: JsonNode): void {
  for (const o of objects(json)) {
    const props = o.properties as Record<string, { type?: string; const?: unknown; description?: string }> | undefined;
    const required = o.required;
    if (!props || !Array.isArray(required)) continue;
    if (props.kind?.const === 'whoToTell') {
      o.required = required.filter((r) => r !== 'routes');
      if (props.routes) props.routes.description = `${props.routes.description ?? ''} Pupil lessons may leave them out: the course's helpRoutes are shown.`.trim();
    }
    if (props.kind?.const === 'keyPoints') {
      o.required = required.filter((r) => r !== 'points');
      props.pointsFrom = { type: 'string', const: 'age-limits', description: 'Instead of points: the platform minimum ages of content/facts/age-limits.yaml.' };
    }
  }
}

export const EDITOR_SCHEMAS: readonly EditorSchema[] = [
  { name: 'course', title: 'Course', description: 'A course folder\'s course.yaml (content/FORMAT.md "Courses").', schema: CourseFile, files: /^courses\/[^/]+\/course\.yaml$/ },
  {
    name: 'module',
    title: 'Module',
    description: 'One module file under a course\'s modules/ (content/FORMAT.md "Modules").',
    schema: Module,
    files: /^courses\/[^/]+\/modules\/[^/]+\.yaml$/,
    authoring: filledByCompiler,
  },
  { name: 'bank', title: 'Question bank file', description: 'A list of items in a course\'s banks/<bank>/ folder (content/FORMAT.md "Items").', schema: BankFile, files: /^courses\/[^/]+\/banks\/[^/]+\/[^/]+\.yaml$/ },
  { name: 'clauses', title: 'Clause registry', description: 'content/policy/clauses.yaml: every normative sentence of the policy with a stable id.', schema: ClauseRegistry, files: /^policy\/clauses\.yaml$/ },
  { name: 'age-limits', title: 'Platform minimum ages', description: 'content/facts/age-limits.yaml.', schema: AgeLimits, files: /^facts\/age-limits\.yaml$/ },
  { name: 'scenes', title: 'Scene catalogue', description: 'content/pictures/scenes.yaml: the pictures pupil lessons use.', schema: SceneCatalogue, files: /^pictures\/scenes\.yaml$/ },
  { name: 'modal-exceptions', title: 'Strength-of-wording exceptions', description: 'content/modal-exceptions.yaml.', schema: ExceptionsFile, files: /^modal-exceptions\.yaml$/ },
];

const MODELINE_RE = /^#\s*yaml-language-server:/;

export const schemaFile = (e: EditorSchema): string => `${SCHEMA_DIR}/${e.name}.schema.json`;

/** The schema file's text: draft-07 (what editors' YAML support reads best), the authoring (input) side. */
export function schemaText(e: EditorSchema): string {
  const json = z.toJSONSchema(e.schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonNode;
  e.authoring?.(json);
  return `${JSON.stringify({ ...json, title: e.title, description: `${e.description} Generated from content/schema by npm run content:schemas; do not edit.` }, null, 2)}\n`;
}

/** The first line a YAML file needs (`rel`: its path under content/, with /). */
export function modelineFor(rel: string): string | null {
  const e = EDITOR_SCHEMAS.find((x) => x.files.test(rel));
  if (!e) return null;
  const path = posix.relative(posix.dirname(rel), schemaFile(e));
  return `# yaml-language-server: $schema=${path.startsWith('../') ? path : `./${path}`}`;
}

function yamlFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const abs = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : yamlFiles(root, abs);
    return d.name.endsWith('.yaml') ? [relative(root, abs).split(sep).join('/')] : [];
  });
}

/** Stale or missing schema files and YAML files without their modeline, as content:check reports them. */
export function editorSchemaProblems(root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of EDITOR_SCHEMAS) {
    const file = join(root, schemaFile(e));
    const have = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (have !== schemaText(e)) {
      out.push({ kind: 'editor', file, line: 1, col: 1, message: `${have === null ? 'is missing' : 'is out of date with content/schema'}: run npm run content:schemas` });
    }
  }
  for (const rel of yamlFiles(root)) {
    const want = modelineFor(rel);
    if (!want) continue;
    const first = readFileSync(join(root, rel), 'utf8').split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
    if (first !== want) {
      out.push({ kind: 'editor', file: join(root, rel), line: 1, col: 1, message: `the first line must be "${want}" so editors complete and check the fields: run npm run content:schemas` });
    }
  }
  return out;
}

/** Writes every schema file and puts each YAML file's modeline on its first line; returns what changed. */
export function writeEditorSchemas(root: string): string[] {
  const changed: string[] = [];
  mkdirSync(join(root, SCHEMA_DIR), { recursive: true });
  for (const e of EDITOR_SCHEMAS) {
    const file = join(root, schemaFile(e));
    const text = schemaText(e);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      writeFileSync(file, text);
      changed.push(schemaFile(e));
    }
  }
  for (const rel of yamlFiles(root)) {
    const want = modelineFor(rel);
    if (!want) continue;
    const file = join(root, rel);
    const text = readFileSync(file, 'utf8');
    const [first = '', ...rest] = text.split('\n');
    if (first.replace(/\r$/, '') === want) continue;
    writeFileSync(file, MODELINE_RE.test(first) ? [want, ...rest].join('\n') : `${want}\n${text}`);
    changed.push(rel);
  }
  return changed;
}
