import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

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
const ZOD_FREE_SCHEMA = ['formats', 'derive-key', 'scoring', 'interaction-id', 'draw', 'screen-clauses', 'svg-safety', 'placeholders'];
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

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', 'tests/fixtures/**', 'coverage/**', '*.config.ts.*.mjs'] },
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
);
