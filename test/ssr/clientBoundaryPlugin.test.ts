import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { clientBoundaryPlugin } from '../../scripts/clientBoundaryPlugin';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A library build shaped like ours (one file per module, `[name].js` entries) of the given sources. */
async function buildLibrary(files: Record<string, string>): Promise<Map<string, string>> {
  root = mkdtempSync(join(tmpdir(), 'client-boundary-'));
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  }
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins: [clientBoundaryPlugin()],
    build: {
      write: false,
      minify: false,
      lib: { entry: { index: join(root, 'src/index.js'), core: join(root, 'src/core/index.js') }, formats: ['es'] },
      rolldownOptions: { output: { entryFileNames: '[name].js', preserveModules: true, preserveModulesRoot: join(root, 'src') } },
    },
  })) as Rolldown.RolldownOutput[];
  return new Map(
    result[0]!.output.map((file) => [file.fileName, file.type === 'chunk' ? file.code : String(file.source)]),
  );
}

const library = {
  'src/core/index.js': `export { isReady } from './isReady.js';\n`,
  'src/core/isReady.js': `export function isReady(value) { return value === 'ready'; }\n`,
  'src/hooks/useThing.js': `import { isReady } from '../core/isReady.js';\nexport function useThing(value) { return isReady(value); }\n`,
  'src/engine/thingOptions.js': `export function thingOptions(id) { return { id }; }\n`,
  'src/components/Thing.js': `import { useThing } from '../hooks/useThing.js';\nexport function Thing() { return useThing('ready'); }\n`,
};

describe('clientBoundaryPlugin', () => {
  it('routes the entry\'s client code through one "use client" barrel, and leaves the directive off every other file', async () => {
    const files = await buildLibrary({
      ...library,
      'src/index.js': [
        `export * from './core/index.js';`,
        `export { useThing as useTheThing } from './hooks/useThing.js';`,
        `export { thingOptions } from './engine/thingOptions.js';`,
        `export { Thing } from './components/Thing.js';`,
      ].join('\n'),
    });

    const barrel = files.get('client.js')!;
    expect(barrel.split('\n')[0]).toBe("'use client';");
    expect(barrel).toMatch(/export \{ useThing \} from "\.\/hooks\/useThing\.js";/);
    expect(barrel).toMatch(/export \{ thingOptions \} from "\.\/engine\/thingOptions\.js";/);
    expect(barrel).toMatch(/export \{ Thing \} from "\.\/components\/Thing\.js";/);

    const index = files.get('index.js')!;
    expect(index).toMatch(/import \{ [^}]*\} from "\.\/client\.js";/);
    expect(index).not.toMatch(/\.\/(hooks|components|engine)\//);
    // Server code stays outside the boundary, imported by the entry directly.
    expect(index).toMatch(/from "\.\/core\/isReady\.js"/);
    expect(index).toMatch(/useThing as useTheThing/);

    const directives = [...files].filter(([, code]) => /^\s*['"]use client['"]/.test(code)).map(([name]) => name);
    expect(directives).toEqual(['client.js']);
  });

  it('refuses an entry that reaches client code past the barrel', async () => {
    // A side-effect import would load the hook module in the server graph, outside the boundary.
    await expect(
      buildLibrary({
        ...library,
        'src/hooks/register.js': `globalThis.registered = true;\n`,
        'src/index.js': `export * from './core/index.js';\nimport './hooks/register.js';\nexport { Thing } from './components/Thing.js';\n`,
      }),
    ).rejects.toThrow(/reaches a client module other than through client\.js/);
  });

  it('takes a directive written in a client module off that module: the barrel holds it', async () => {
    const files = await buildLibrary({
      ...library,
      'src/hooks/useThing.js': `'use client';\n${library['src/hooks/useThing.js']}`,
      'src/index.js': `export { useThing } from './hooks/useThing.js';\n`,
    });
    const directives = [...files].filter(([, code]) => /^\s*['"]use client['"]/.test(code)).map(([name]) => name);
    expect(directives).toEqual(['client.js']);
    expect(files.get('hooks/useThing.js')).toMatch(/function useThing/);
  });

  it('refuses an entry with no client code to put behind the barrel', async () => {
    await expect(buildLibrary({ ...library, 'src/index.js': `export * from './core/index.js';\n` })).rejects.toThrow(
      /imports no client module/,
    );
  });
});
