import { join, relative, resolve, sep } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { compileContent } from './content/tools/compile';
import { formatDiagnostic } from './content/tools/diagnostics';
import { pathAliases } from './vite.aliases.mts';

/**
 * The packaged app ships only out/**: copy the SCORM schema files that every course package
 * carries to out/main/scorm-xsd (the wrapper schemas are validation aids, never shipped).
 */
function shippedSchemas(): Plugin {
  const root = resolve(__dirname, 'electron/services/exports/packages/scorm-xsd');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return {
    name: 'shipped-schemas',
    generateBundle() {
      for (const file of walk(root)) {
        const rel = relative(root, file).split(sep).join('/');
        if (!/\.(xsd|dtd)$/.test(rel) || rel.includes('_wrapper')) continue;
        this.emitFile({ type: 'asset', fileName: `scorm-xsd/${rel}`, source: readFileSync(file) });
      }
    },
  };
}

/**
 * The documents' font (Noto Sans, SIL OFL 1.1) and its licence travel with the built main as
 * out/main/fonts, where electron/services/exports/documents/pdf.ts finds them.
 */
function shippedFonts(): Plugin {
  const root = resolve(__dirname, 'electron/services/exports/documents/fonts');
  return {
    name: 'shipped-fonts',
    generateBundle() {
      for (const name of readdirSync(root)) {
        if (/\.(ttf|txt)$/.test(name)) this.emitFile({ type: 'asset', fileName: `fonts/${name}`, source: readFileSync(join(root, name)) });
      }
    },
  };
}

/**
 * The lesson player's own chunks (its views, the lesson machine and run, XState) open with V8's
 * explicit compile hint: their functions are compiled as the file loads, off the main thread when
 * the file is streamed, instead of one by one on the first Next press that runs them (issue 19
 * item 6: a press's first run of a step kind spent 4–6 ms compiling). Vue's chunk is left alone:
 * the first screen loads it and would compile all of it. Chromium 136+ (Electron 45 is 142).
 */
const EAGER_CHUNK = /renderer[\\/]src[\\/](lesson[\\/]|app[\\/]player[\\/]|app[\\/]lms[\\/]|player-main\.ts)|node_modules[\\/]xstate[\\/]/;
export const eagerCompileHint = (chunk: { moduleIds: readonly string[] }): string =>
  chunk.moduleIds.some((id) => EAGER_CHUNK.test(id)) ? '//# allFunctionsCalledOnLoad' : '';

/** Compiles the course YAML into out/main/bundle.json: the app never reads raw YAML. */
function courseBundle(): Plugin {
  return {
    name: 'course-bundle',
    generateBundle() {
      const { bundle, errors } = compileContent(resolve(__dirname, 'content'));
      if (!bundle) this.error(`Course content does not compile:\n${errors.slice(0, 20).map((e) => formatDiagnostic(e)).join('\n')}`);
      this.emitFile({ type: 'asset', fileName: 'bundle.json', source: JSON.stringify(bundle) });
    },
  };
}

// Three processes, one out/ folder: out/main, out/preload (CommonJS, as a sandboxed preload
// must be) and out/renderer (relative asset paths, so player.html runs from any LMS sub-path).
const alias = pathAliases(__dirname);

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [courseBundle(), shippedSchemas(), shippedFonts()],
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'electron/main/index.ts') },
      rolldownOptions: { external: ['electron', /^node:/] },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    resolve: { alias },
    // Every component is <script setup>: without the Options API, Vue's runtime is smaller in the
    // first screen and in the exported player (issue 19 items 3 and 6).
    plugins: [vue({ features: { optionsAPI: false } })],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; a school PC parses less when it is.
      minify: true,
      // No inline modulepreload polyfill: the CSP allows scripts from 'self' only.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          player: resolve(__dirname, 'renderer/player.html'),
        },
        // Shared code in named chunks, so the first screen loads Vue and not zod, XState or the
        // content schema that only the lesson player needs (docs/player.md).
        output: {
          postBanner: eagerCompileHint,
          codeSplitting: {
            groups: [
              { name: 'vue', test: /node_modules[\\/](@vue|vue|pinia)[\\/]/ },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
              { name: 'xstate', test: /node_modules[\\/]xstate[\\/]/ },
            ],
          },
        },
      },
    },
  },
});
