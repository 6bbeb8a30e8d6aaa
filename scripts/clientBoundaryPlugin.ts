import type { Plugin } from 'vite';

/** Modules that are client code: the hooks, the components and the engine (which imports react-query). */
const CLIENT_MODULE = /^(?:hooks|components|engine)\//;
const CLIENT_IMPORT = /^import \{([^}]*)\} from "\.\/((?:hooks|components|engine)\/[^"]+\.js)";$/gm;
const DIRECTIVE = /^\s*['"]use client['"];?/;
const ANY_CLIENT_REFERENCE = /(?:from|import) "\.\/(?:hooks|components|engine)\//;

/**
 * Puts the React Server Components boundary of the entry `entry` in one module: the entry's
 * imports of client code are routed through `fileName`, a barrel that starts with 'use client',
 * and no other module carries the directive.
 *
 * Why one boundary, measured on a Next 16 page that renders only `<ImageToVideo>` from a Server
 * Component (webpack, 29.3 kB gz of first-load JS before, 23.9 kB after):
 * - Next's webpack build makes every 'use client' module that the server graph reaches through
 *   the entry a client reference of the page, ships each whole, and cannot scope-hoist them (each
 *   is a root of its own): some 40 module wrappers, 1.6 kB gz over the same code in one scope.
 * - Anything outside the boundary that imports react-query (the engine's `predictionQueryOptions`
 *   did) pulls react-query's barrel into the server graph, and each of its own 'use client' files
 *   (useQueries, HydrationBoundary, the suspense hooks...) became a client reference too: 3.4 kB gz
 *   shipped unused. The engine is client code, behind the barrel with the hooks.
 * Behind one barrel the client half is one reference, hoisted into one module by webpack and
 * Turbopack. Client components that import the entry still get only what they use: each module
 * stays its own file, and `sideEffects` lets their bundler drop the rest.
 *
 * The entry holds only imports and exports (it has no source map), so rewriting its imports
 * moves no mapped code.
 */
export function clientBoundaryPlugin({ entry = 'index', fileName = 'client.js' } = {}): Plugin {
  let barrel: string | undefined;
  return {
    name: 'client-boundary',
    // The library build only (Storybook's build of the stories drops `build.lib`).
    apply: (config, { command }) => command === 'build' && Boolean(config.build?.lib),
    renderChunk(code, chunk) {
      // A directive written in a hook or component's source is redundant behind the barrel, and
      // would make the module a client reference of its own again: it becomes a comment (same
      // line count, so the module's source map still holds).
      if (CLIENT_MODULE.test(chunk.fileName) && DIRECTIVE.test(code)) {
        return { code: code.replace(DIRECTIVE, `// 'use client' is on ${fileName}`), map: null };
      }
      if (!chunk.isEntry || chunk.name !== entry) return null;
      const imports = [...code.matchAll(CLIENT_IMPORT)];
      if (imports.length === 0) this.error(`${chunk.fileName} imports no client module: nothing to put behind ${fileName}.`);
      const names = imports.flatMap(([, list]) => list!.split(',').map((name) => name.trim().split(/\s+as\s+/).pop()!).filter(Boolean));
      barrel = `'use client';\n${imports.map(([line]) => line.replace(/^import /, 'export ')).join('\n')}\n`;
      let first = true;
      const rewritten = code.replace(CLIENT_IMPORT, () => {
        if (!first) return '';
        first = false;
        return `import { ${names.join(', ')} } from "./${fileName}";`;
      });
      // A client module reached past the barrel (a side-effect import) would
      // be its own client reference again, or run in the server graph without the directive.
      if (ANY_CLIENT_REFERENCE.test(rewritten)) this.error(`${chunk.fileName} reaches a client module other than through ${fileName}.`);
      return { code: rewritten, map: null };
    },
    generateBundle() {
      if (barrel === undefined) this.error(`No entry named "${entry}" was rendered.`);
      this.emitFile({ type: 'asset', fileName, source: barrel });
    },
  };
}
