import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

// The path aliases, from the one table tsc, Vite, vitest, tsx and esbuild read (tsconfig.base.json).
const ALIASES = Object.entries(JSON.parse(readFileSync('tsconfig.base.json', 'utf8')).compilerOptions.paths).map(([alias, [target]]) => ({
  prefix: alias.replace(/\*$/, ''),
  target: path.resolve(target.replace(/\*$/, '')),
  exact: !alias.endsWith('*'),
}));
/** Where an import specifier points inside the checkout (relative or aliased); null for a package. */
const resolveSpec = (spec, filename) => {
  if (spec.startsWith('.')) return path.resolve(path.dirname(filename), spec);
  for (const { prefix, target, exact } of ALIASES) {
    if (exact ? spec === prefix : spec.startsWith(prefix)) return exact ? path.dirname(target) : path.join(target, spec.slice(prefix.length));
  }
  return null;
};

const noElectron = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron' (ARCHITECTURE.md: keep the shell thin).",
};
const noVue = [
  { name: 'vue', message: 'Framework-free layer: no Vue here (ARCHITECTURE.md import walls).' },
  { name: 'pinia', message: 'Framework-free layer: no Pinia here (ARCHITECTURE.md import walls).' },
];

// The lesson player runs inside an LMS and is weighed (bundle.playerGzip): it loads no zod. Types
// may come from anywhere; values only from the plain-code modules of content/schema and content/scorm.
const ZOD_FREE_SCHEMA = ['formats', 'derive-key', 'scoring', 'interaction-id', 'draw', 'screen-clauses', 'svg-safety', 'placeholders', 'unkeyed-item'];
const playerWithoutZod = {
  paths: [{ name: 'zod', allowTypeImports: true, message: 'The lesson player loads no zod (it runs inside an LMS and is kept small).' }],
  patterns: [
    {
      allowTypeImports: true,
      // Relative paths or an alias (@content/schema…) alike.
      regex: `(^|[/@])content/schema(/(?!(${ZOD_FREE_SCHEMA.join('|')})$)[^/]+)?$|(^|[/@])(electron/)?contract(/|$)`,
      message: 'The lesson player loads no zod: take values from a plain-code module (content/schema/scoring, derive-key, draw, …; content/scorm), or use `import type`.',
    },
  ],
};

// Shared code (content schema, SCORM module, contract) runs in main, the renderer and an LMS; the
// renderer and player run in Chromium. Neither may lean on Node.
const noNode = {
  paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: 'Runs outside Node (renderer, player, LMS): no Node modules here.' })),
  patterns: [{ group: ['node:*'], message: 'Runs outside Node (renderer, player, LMS): no node:* modules here.' }],
};
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'exports', 'setImmediate', 'clearImmediate'];
const noNodeGlobals = NODE_GLOBALS.map((name) => ({ name, message: `Runs outside Node (renderer, player, LMS): no ${name} here.` }));

// Each domain under electron/services is entered through its index.ts (and journal-entries.ts, the
// entries the records store applies): no import reaches into another domain's files.
const SERVICES = path.resolve('electron/services');
const ENTRY_FILES = ['index', 'journal-entries'];
const inside = (root, file) => {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep) : null;
};
const enterDomainsByIndex = {
  meta: { type: 'problem', schema: [], messages: { deep: "'{{spec}}' reaches inside the {{domain}} domain: import from its index ('@services/{{domain}}')." } },
  create(context) {
    const own = inside(SERVICES, context.filename)?.[0] ?? null;
    const check = (source) => {
      const spec = source?.value;
      if (typeof spec !== 'string') return;
      const resolved = resolveSpec(spec, context.filename);
      const parts = resolved && inside(SERVICES, resolved);
      if (!parts) return;
      const [domain, ...rest] = parts;
      if (domain === own || rest.length === 0 || (rest.length === 1 && ENTRY_FILES.includes(rest[0].replace(/\.ts$/, '')))) return;
      context.report({ node: source, messageId: 'deep', data: { spec, domain } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

// Imports name what they reach with an alias (@content/…, @services/…), not a climb of two or more
// `../` (docs/architecture.md, "Type projects and path aliases"). One `../` stays: a sibling folder.
const CLIMB = /^(\.\.\/){2,}/;
const MODULE_CALLS = new Set(['mock', 'doMock', 'unmock', 'importActual', 'importMock']);
const noClimbs = {
  meta: { type: 'suggestion', schema: [], messages: { climb: "'{{spec}}' climbs {{n}} folders: import it through a path alias ({{aliases}}; tsconfig.base.json)." } },
  create(context) {
    const check = (source) => {
      const spec = source?.value;
      if (typeof spec !== 'string' || !CLIMB.test(spec)) return;
      const n = spec.match(/\.\.\//g).length;
      context.report({ node: source, messageId: 'climb', data: { spec, n, aliases: ALIASES.filter((a) => !a.exact).map((a) => a.prefix + '…').join(', ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
      // vi.mock('…'), vi.importActual('…'), require('…'): module paths too.
      CallExpression: (node) => {
        const callee = node.callee;
        const named = callee.type === 'Identifier' && callee.name === 'require';
        const vitest = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'vi' && MODULE_CALLS.has(callee.property.name);
        if ((named || vitest) && node.arguments[0]?.type === 'Literal') check(node.arguments[0]);
      },
    };
  },
};
// Readers and writers apart (issue 20 item 3, docs/architecture.md): only the storage engine opens
// a records connection, so nothing else can get a writable one. Type-only imports name a type and
// open nothing; the test-only raw connection lives in one clearly named helper.
// (electron/cli/needs-sqlite.ts only asks whether the runtime has the module, before anything loads it.)
const SQLITE_ALLOWED = [path.resolve('electron/services/storage') + path.sep, path.resolve('tests/helpers/records-db.ts'), path.resolve('electron/cli/needs-sqlite.ts')];
const sqliteInStorage = {
  meta: { type: 'problem', schema: [], messages: { outside: "node:sqlite is opened only by the storage engine (electron/services/storage): read through the records' read-only connection (ReadableDb), write through the records store; tests use tests/helpers/records-db.ts." } },
  create(context) {
    const file = context.filename;
    if (SQLITE_ALLOWED.some((p) => file === p || file.startsWith(p))) return {};
    const isSqlite = (n) => n?.type === 'Literal' && (n.value === 'node:sqlite' || n.value === 'sqlite');
    const report = (node) => context.report({ node, messageId: 'outside' });
    return {
      ImportDeclaration: (node) => {
        if (isSqlite(node.source) && node.importKind !== 'type' && !(node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'))) report(node.source);
      },
      ImportExpression: (node) => isSqlite(node.source) && report(node.source),
      CallExpression: (node) => {
        const callee = node.callee;
        const loads = (callee.type === 'Identifier' && callee.name === 'require') || (callee.type === 'MemberExpression' && callee.property.name === 'getBuiltinModule');
        if (loads && isSqlite(node.arguments[0])) report(node.arguments[0]);
      },
    };
  },
};
const house = { rules: { 'enter-domains-by-index': enterDomainsByIndex, 'no-climbs': noClimbs, 'sqlite-in-storage': sqliteInStorage } };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', 'tests/fixtures/**', 'coverage/**', '.stryker-tmp/**', 'reports/**', '*.config.ts.*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // The import walls.
  {
    files: ['electron/services/**', 'electron/contract/**', 'electron/cli/**', 'content/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['renderer/src/lesson/**', 'electron/services/**', 'electron/contract/**', 'content/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noVue] }] },
  },
  {
    files: ['renderer/src/player-main.ts', 'renderer/src/lesson/**', 'renderer/src/app/player/**', 'renderer/src/app/lms/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', playerWithoutZod] },
  },
  // No Node in shared code, the renderer or the player. A later no-restricted-imports entry replaces
  // an earlier one for the same file, so the Electron and Vue walls are repeated here.
  {
    files: ['renderer/src/**', 'content/schema/**', 'content/scorm/**', 'electron/contract/**'],
    rules: { 'no-restricted-globals': ['error', ...noNodeGlobals] },
  },
  {
    files: ['renderer/src/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noNode.paths], patterns: noNode.patterns }] },
  },
  {
    files: ['renderer/src/lesson/**', 'content/schema/**', 'content/scorm/**', 'electron/contract/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noVue, ...noNode.paths], patterns: noNode.patterns }] },
  },
  {
    plugins: { house },
    rules: { 'house/no-climbs': 'error' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'house/enter-domains-by-index': 'error' },
  },
  // The one writable connection: only the records service opens it (issue 20 item 3); everything
  // else reads through the read-only connection the service hands out.
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts'],
    ignores: ['electron/services/storage/**', 'electron/services/records/service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='openRecords']", message: 'Only the records service opens the writable records; read through services.db (the read-only connection).' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.vue'],
    rules: { 'house/sqlite-in-storage': 'error' },
  },
);
