import { join, relative, resolve, sep } from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { compileContent } from './content/tools/compile';
import { formatDiagnostic } from './content/tools/diagnostics';
import { pathAliases } from './vite.aliases.mts';
import { appShell } from './vite.app-shell.mts';

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
 * What runs as soon as a page loads opens with V8's explicit compile hint: the entries (the home
 * screen's code, the player's), Vue, and the lesson player's own chunks (its views, the lesson
 * machine and run, XState). Their functions are then compiled as the file loads, off the main
 * thread when Chromium streams it, instead of one by one on the main thread when first run (issue
 * 19 item 6: the first screen compiled about 300 functions so, 23-31 ms of CPU; a cold Next press
 * 30-47, 4-8 ms). Screens loaded later (the admin area and chart.js, sign-in, class mode) keep
 * V8's lazy compiling: most of their code never runs. Chromium 136+ (Electron 45 is 142).
 */
const EAGER_MODULE = /renderer[\\/]src[\\/](lesson[\\/]|app[\\/]player[\\/]|app[\\/]lms[\\/])|node_modules[\\/]xstate[\\/]/;
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const wantsHint = (chunk: { isEntry: boolean; name: string; moduleIds: readonly string[] }): boolean =>
  chunk.isEntry || chunk.name === 'vue' || chunk.moduleIds.some((id) => EAGER_MODULE.test(id));

/**
 * V8 reads the hint only as a file's first line, so it is written into the files themselves once
 * they are out: Vite puts its own preamble at the top of an entry after every plugin's
 * generateBundle.
 */
function eagerCompileHints(): Plugin {
  return {
    name: 'eager-compile-hints',
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !wantsHint(chunk)) continue;
        const file = join(options.dir ?? '', chunk.fileName);
        writeFileSync(file, `${COMPILE_HINT}\n${readFileSync(file, 'utf8')}`);
      }
    },
  };
}

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
    plugins: [vue({ features: { optionsAPI: false } }), eagerCompileHints(), appShell(__dirname)],
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
