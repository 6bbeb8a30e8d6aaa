/**
 * What an app pays to import us: each entry bundled, minified and gzipped by esbuild and by Vite,
 * with react, react-dom and react-query external and zod included. Both figures are the first
 * load: the entry and the chunks it imports statically, not the chunks of its dynamic imports
 * (the code that runs once the user acts, fetched on first use). Peers measured the same way.
 * Reads the built package in dist/ (run `npm run build` first). Prints a table and writes
 * bench/results/bundle.json for docs/PERFORMANCE.md.
 */
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type Rollup } from 'vite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeResult } from './writeResult';

const root = resolve(import.meta.dirname, '..');
const dist = (file: string) => JSON.stringify(join(root, 'dist', file));
const EXTERNAL = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client', '@tanstack/react-query'];

interface Case {
  name: string;
  code: string;
  budgetKb?: number;
}

const cases: Case[] = [
  { name: 'drop-in <ImageToVideo>', code: `export { ImageToVideo } from ${dist('index.js')};`, budgetKb: 20 },
  {
    name: 'useImageToVideo alone',
    code: `export { useImageToVideo, ImageToVideoProvider } from ${dist('index.js')};`,
    budgetKb: 12,
  },
  { name: 'react-image-to-video/core', code: `export * from ${dist('core.js')};`, budgetKb: 8 },
  {
    // Preflight is optional to users of core: what a non-React client or a worker pays without it.
    name: 'core: transport + schemas + schedule (no preflight)',
    code: `export { createProxyTransport, predictionSchema, submitInputSchema, parseSubmitInput, nextPoll, ImageToVideoError, isImageToVideoError } from ${dist('core.js')};`,
  },
  { name: '@fal-ai/client (peer, no UI)', code: `export { fal } from '@fal-ai/client';` },
  { name: '@tanstack/react-query (for scale)', code: `export { useQuery, useMutation, QueryClient } from '@tanstack/react-query';` },
  { name: "zod (full) schema", code: `import { z } from 'zod'; export const s = z.object({ a: z.string().url(), b: z.literal([5, 10]) });` },
  { name: 'zod/mini schema', code: `import * as z from 'zod/mini'; export const s = z.object({ a: z.url(), b: z.literal([5, 10]) });` },
];

const gzipKb = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length / 1024;

/**
 * The modules the package loads with a dynamic `import()`: left out of esbuild's bundle, as an app
 * whose bundler splits them leaves them out of its first load (esbuild's own `splitting` keeps the
 * image preparation in a chunk the entry imports statically, because the package root re-exports
 * `preflightImage`; DEVELOPERS.md, "What loads when").
 */
const LAZY_MODULE = /\/(imagePreparation|createProxyRequests|jobSteps)\.js$/;

async function measureEsbuild(entry: string, external: string[]): Promise<number> {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    plugins: [{ name: 'lazy-modules-external', setup: (build) => build.onResolve({ filter: LAZY_MODULE }, (args) => ({ path: args.path, external: true })) }],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return gzipKb(result.outputFiles[0]!.contents);
}

async function measureVite(entry: string, external: string[]): Promise<number> {
  const output = (await viteBuild({
    configFile: false,
    logLevel: 'silent',
    root,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      copyPublicDir: false,
      lib: { entry, formats: ['es'], fileName: 'entry' },
      rolldownOptions: { external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)) },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunks = new Map(
    (Array.isArray(output) ? output : [output])
      .flatMap((o) => o.output)
      .filter((chunk) => chunk.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  );
  // The first load: the entry and what it imports statically, not the chunks of its dynamic
  // imports (the image preparation, fetched on first use).
  const eager = new Set<string>();
  const visit = (fileName: string) => {
    if (eager.has(fileName) || !chunks.has(fileName)) return;
    eager.add(fileName);
    for (const next of chunks.get(fileName)!.imports) visit(next);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  return [...eager].reduce((sum, fileName) => sum + gzipKb(chunks.get(fileName)!.code), 0);
}

const rows: { name: string; esbuildKb: number; viteKb: number; budgetKb?: number }[] = [];
// Entries live inside the repo so their bare imports resolve from its node_modules.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
for (const [index, c] of cases.entries()) {
  const entry = join(cache, `i2v-bundle-entry-${index}.js`);
  writeFileSync(entry, c.code);
  try {
    const external = c.name.startsWith('@tanstack') ? ['react', 'react-dom', 'react/jsx-runtime'] : EXTERNAL;
    rows.push({
      name: c.name,
      esbuildKb: await measureEsbuild(entry, external),
      viteKb: await measureVite(entry, external),
      budgetKb: c.budgetKb,
    });
  } finally {
    rmSync(entry);
  }
}

let css: number | undefined;
try {
  css = gzipKb(readFileSync(join(root, 'dist', 'styles.css')));
} catch {
  css = undefined;
}

console.log(`${'bundle (min + gzip, KB)'.padEnd(52)} esbuild     vite   budget`);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(52)} ${row.esbuildKb.toFixed(1).padStart(7)} ${row.viteKb.toFixed(1).padStart(8)} ${row.budgetKb ? `≤ ${row.budgetKb}` : ''}`,
  );
}
if (css !== undefined) console.log(`${'theme styles.css'.padEnd(52)} ${css.toFixed(1).padStart(7)} (gzip, separate file)`);
writeResult('bundle', { rows, cssKb: css });
