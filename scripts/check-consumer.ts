/**
 * Installs the packed package into a fresh app outside this repository and imports every public
 * subpath from it, at run time (Node) and at type level (tsc, node16 and bundler resolution).
 * Proves that what we publish works, not just what our source tree happens to resolve.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
  devDependencies: Record<string, string>;
};
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
const app = mkdtempSync(join(tmpdir(), 'i2v-consumer-'));
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', app], root).trim().split('\n').pop()!;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const dev = (name: string) => `${name}@${pkg.devDependencies[name]}`;
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--silent', join(app, tarball), dev('react'), dev('react-dom'),
      dev('@tanstack/react-query'), dev('msw'), dev('typescript'), dev('@types/react'), dev('@types/node')],
    app,
  );

  const specifiers = subpaths.map((sub) => (sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`));
  const code = specifiers.filter((s) => !s.endsWith('.css'));
  // Run time: every JS subpath loads in Node (the React entry only needs React to be resolvable).
  writeFileSync(
    join(app, 'runtime.mjs'),
    code.map((s, i) => `import * as m${i} from '${s}';\nif (Object.keys(m${i}).length === 0) throw new Error('${s} exports nothing');`).join('\n') +
      `\nconsole.log('runtime imports ok: ${code.join(', ')}');\n` +
      // Stylesheets are not JavaScript: check that each resolves to a non-empty file in the package.
      "import { statSync } from 'node:fs';\nimport { fileURLToPath } from 'node:url';\n" +
      specifiers
        .filter((s) => s.endsWith('.css'))
        .map((s) => `if (!(statSync(fileURLToPath(import.meta.resolve('${s}'))).size > 0)) throw new Error('${s} is empty');\nconsole.log('stylesheet ok: ${s}');`)
        .join('\n') +
      '\n',
  );
  process.stdout.write(run('node', ['runtime.mjs'], app));

  // Types: each subpath type-checks under the two resolutions consumers use.
  writeFileSync(
    join(app, 'types.ts'),
    code.map((s, i) => `import * as t${i} from '${s}';\nexport const k${i}: string[] = Object.keys(t${i});`).join('\n') +
      (specifiers.some((s) => s.endsWith('.css')) ? `\nimport '${pkg.name}/styles.css';\n` : '') + '\n',
  );
  writeFileSync(join(app, 'css.d.ts'), "declare module '*.css';\n");
  for (const resolution of ['node16', 'bundler'] as const) {
    const module = resolution === 'node16' ? 'node16' : 'esnext';
    run('npx', ['tsc', '--noEmit', '--strict', '--skipLibCheck', 'false', '--module', module, '--moduleResolution', resolution,
      '--jsx', 'react-jsx', '--target', 'es2022', '--lib', 'es2023,dom', '--types', 'node', 'types.ts', 'css.d.ts'], app);
    console.log(`types ok (${resolution}): ${specifiers.join(', ')}`);
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}
