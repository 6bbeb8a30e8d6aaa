/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import dts from 'vite-plugin-dts';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import pkg from './package.json' with { type: 'json' };
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { systemChromium } from './test/systemChromium.ts';
import { clientBoundaryPlugin } from './scripts/clientBoundaryPlugin.ts';

const chromium = playwright({ launchOptions: systemChromium });

/** One entry per public subpath; `exports` in package.json mirrors this list. */
const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  server: 'src/server/index.ts',
  // Apart from the server entry, so hosts on one instance never load it; takes the host's own client.
  'server-redis': 'src/server/redis/index.ts',
  testing: 'src/testing/index.ts',
  // Apart from the testing entry, so `msw` stays an optional peer that only this subpath needs.
  'testing-msw': 'src/testing/createProxyHandlers.ts',
};

const external = [
  ...Object.keys(pkg.peerDependencies),
  ...Object.keys(pkg.dependencies),
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

export default defineConfig({
  plugins: [
    react(),
    dts({ include: ['src'], bundleTypes: true, tsconfigPath: './tsconfig.build.json' }),
    // The optional theme ships as its own file (`react-image-to-video/styles.css`); JS never injects CSS.
    {
      name: 'emit-theme-css',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync('src/styles.css', 'utf8') });
      },
    },
    // Hooks and components are client code for React Server Components frameworks. The index
    // reaches them through one 'use client' barrel (dist/client.js), not a directive on each
    // module, nor on the index (a 'use client' index made all of core, zod included, client code).
    clientBoundaryPlugin(),
  ],
  build: {
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        entryFileNames: '[name].js',
        // One file per module: rolldown cannot mark `forwardRef(...)` calls pure, so a single bundle
        // would drag every component into an app that imports only the hook. With one module per
        // file and `sideEffects` in package.json, the app's bundler drops whole unused files.
        preserveModules: true,
        preserveModulesRoot: 'src',
      },
    },
  },
  test: {
    globals: false,
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{core,engine,server,testing,ssr}/**/*.test.{ts,tsx}'],
          // Type tests (*.test-d.ts) run once, here.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/{hooks,components}/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        // The same hook and component tests against React 18, the oldest React we support. React 18
        // lives in test/react18 (its own install, as npm cannot hold two Reacts at the top level);
        // the libraries that import React are inlined so they see the same copy.
        extends: true,
        resolve: {
          alias: [
            { find: /^react(-dom)?(\/.*)?$/, replacement: fileURLToPath(new URL('./test/react18/node_modules/react$1$2', import.meta.url)) },
            // Its CommonJS build would require the top-level react-dom past the alias.
            {
              find: /^@testing-library\/react$/,
              replacement: fileURLToPath(new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url)),
            },
          ],
        },
        test: {
          name: 'dom-react18',
          environment: 'jsdom',
          include: ['test/{hooks,components}/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
          server: { deps: { inline: ['@tanstack/react-query', '@tanstack/query-core', '@testing-library/react'] } },
        },
      },
      {
        // Budgets CI enforces (polling in fake time, render counts); the figures come from `npm run bench`.
        extends: true,
        test: {
          name: 'budgets',
          environment: 'jsdom',
          typecheck: { enabled: false },
          include: ['test/budgets/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        // Every story is a test in Chromium: its play function, then axe (a11y `test: 'error'`).
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          typecheck: { enabled: false },
          browser: { enabled: true, headless: true, provider: chromium, instances: [{ browser: 'chromium' }] },
        },
      },
      {
        // `npm start` driven in Chromium by playwright-core: the whole flow, retry, resume, no key leak.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          typecheck: { enabled: false },
        },
      },
    ],
  },
});
