// Fails when any module under src/ reaches itself through its imports, type-only ones included:
// a cycle means two files that cannot be understood, tested or moved apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; comments removed first.
const SPECIFIER = /(?:\b(?:import|export)\b[^'"`;]*?\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

const graph = new Map<string, string[]>();
for (const file of files(root)) {
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const targets = [...source.matchAll(SPECIFIER)].map((m) => resolveImport(file, m[1]!)).filter((t): t is string => t !== undefined);
  graph.set(file, [...new Set(targets)]);
}

// Tarjan's strongly connected components: every component of more than one file (or a file that
// imports itself) is a cycle.
let index = 0;
const indices = new Map<string, number>();
const lowlinks = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function visit(node: string): void {
  indices.set(node, index);
  lowlinks.set(node, index);
  index++;
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!indices.has(next)) {
      visit(next);
      lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
    } else if (onStack.has(next)) {
      lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
    }
  }
  if (lowlinks.get(node) === indices.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component);
  }
}
for (const node of graph.keys()) if (!indices.has(node)) visit(node);

const shown = (file: string) => relative(process.cwd(), file);
if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`Import cycle: ${cycle.map(shown).sort().join(' ↔ ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${graph.size} modules in ${shown(root)}.`);
