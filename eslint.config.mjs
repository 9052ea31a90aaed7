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
);
