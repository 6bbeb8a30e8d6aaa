import postcss, { type Rule } from 'postcss';

/**
 * Which rules of a theme would style a part inside an `unstyled` instance, found by what each
 * selector matches rather than by how it reads: for every selector that names a part, a small DOM
 * that it should style (its "witness") is built twice, once inside a styled root and once inside
 * a root carrying `data-i2v-unstyled`, and the real selector engine is asked what matches.
 *
 * A selector that cannot be turned into a witness, or whose witness it does not match inside a
 * styled root, is reported too: a check that matched nothing would prove nothing.
 */
export function unstyledLeaks(css: string, document: Document): string[] {
  const problems: string[] = [];
  postcss.parse(css).walkRules((rule: Rule) => {
    for (const selector of splitTopLevel(rule.selector, ',')) {
      if (!selector.includes('data-i2v-part')) continue;
      const problem = checkSelector(selector, document);
      if (problem) problems.push(`${selector}: ${problem}`);
    }
  });
  return problems;
}

/** Pseudo-classes for states a static DOM cannot be in; matched as if the state held. */
const STATE_PSEUDOS = /:(?:focus-visible|focus-within|focus|hover|active)(?![\w-])/g;

interface Compound {
  tag?: string;
  attributes: Array<[string, string]>;
  pseudos: Array<{ name: string; argument?: string }>;
}

function checkSelector(selector: string, document: Document): string | undefined {
  const matchable = selector.replace(STATE_PSEUDOS, '');
  let variants: Compound[][];
  try {
    variants = expandComplex(selector);
  } catch (error) {
    return `cannot build a witness (${(error as Error).message})`;
  }
  let matchedStyled = false;
  for (const compounds of variants) {
    const styled = buildWitness(compounds, document, false);
    const unstyled = buildWitness(compounds, document, true);
    try {
      if (styled.subject.matches(matchable)) matchedStyled = true;
      const leaked = unstyled.host.querySelector(matchable);
      if (leaked) return `styles <${leaked.localName}${describe(leaked)}> inside an unstyled instance`;
    } finally {
      styled.host.remove();
      unstyled.host.remove();
    }
  }
  return matchedStyled ? undefined : 'matches nothing in a styled instance (its witness is wrong, or the rule is)';
}

function describe(element: Element): string {
  return [...element.attributes].map((a) => ` ${a.name}="${a.value}"`).join('');
}

/**
 * Nests one element per compound (a child satisfies both ` ` and `>`) and puts the outermost in
 * a root, unless it is the root; `unstyled` marks that root as the `unstyled` prop does.
 */
function buildWitness(compounds: Compound[], document: Document, unstyled: boolean): { host: HTMLElement; subject: Element } {
  const host = document.createElement('div');
  document.body.append(host);
  const elements = compounds.map((compound) => {
    const element = document.createElement(compound.tag ?? 'div');
    // Whether the instance is unstyled is the context's to say, never the witness's.
    for (const [name, value] of compound.attributes) if (name !== 'data-i2v-unstyled') element.setAttribute(name, value);
    if (compound.pseudos.some((p) => p.name === 'disabled')) element.setAttribute('disabled', '');
    return element;
  });
  elements.reduce((parent, child) => (parent.append(child), child));
  const outermost = elements[0]!;
  let root = outermost;
  if (outermost.getAttribute('data-i2v-part') !== 'root') {
    root = document.createElement('form');
    root.setAttribute('data-i2v-part', 'root');
    root.append(outermost);
  }
  if (unstyled) root.setAttribute('data-i2v-unstyled', '');
  host.append(root);
  return { host, subject: elements.at(-1)! };
}

/** Every plain chain of compounds a selector can match, one per alternative of its `:is()`/`:where()`. */
function expandComplex(selector: string): Compound[][] {
  const { compounds, combinators } = parseComplex(selector);
  if (combinators.some((c) => c !== ' ' && c !== '>')) throw new Error('sibling combinators are not supported');
  // `:where(a b, c)` as a whole selector: its alternatives are whole selectors.
  const only = compounds.length === 1 ? compounds[0]! : undefined;
  if (only && !only.tag && only.attributes.length === 0 && only.pseudos.length === 1 && isMatchesAny(only.pseudos[0]!.name)) {
    const alternatives = splitTopLevel(only.pseudos[0]!.argument ?? '', ',');
    if (alternatives.some((a) => parseComplex(a).compounds.length > 1)) return alternatives.flatMap(expandComplex);
  }
  let chains: Compound[][] = [[]];
  for (const compound of compounds) {
    const options = expandCompound(compound);
    chains = chains.flatMap((chain) => options.map((option) => [...chain, option]));
  }
  return chains;
}

function isMatchesAny(name: string): boolean {
  return name === 'is' || name === 'where';
}

function expandCompound(compound: Compound): Compound[] {
  let variants: Compound[] = [{ tag: compound.tag, attributes: [...compound.attributes], pseudos: [] }];
  for (const pseudo of compound.pseudos) {
    if (!isMatchesAny(pseudo.name)) {
      if (!['not', 'disabled', 'empty', 'focus-visible', 'focus-within', 'focus', 'hover', 'active'].includes(pseudo.name)) {
        throw new Error(`:${pseudo.name} is not supported`);
      }
      variants = variants.map((v) => ({ ...v, pseudos: [...v.pseudos, pseudo] }));
      continue;
    }
    const alternatives = splitTopLevel(pseudo.argument ?? '', ',').map((a) => {
      const parsed = parseComplex(a);
      if (parsed.compounds.length !== 1) throw new Error(`:${pseudo.name}() with a combinator inside a compound`);
      return parsed.compounds[0]!;
    });
    variants = variants.flatMap((v) =>
      alternatives.flatMap(expandCompound).map((alt) => {
        if (v.tag && alt.tag && v.tag !== alt.tag) throw new Error(`two element types, ${v.tag} and ${alt.tag}`);
        return { tag: v.tag ?? alt.tag, attributes: [...v.attributes, ...alt.attributes], pseudos: [...v.pseudos, ...alt.pseudos] };
      }),
    );
  }
  return variants;
}

/** Splits on a separator outside parentheses, brackets and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === separator && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** Reads the balanced text from `open` at `start` to its closing character; returns the inside and the next index. */
function readBalanced(text: string, start: number, open: string, close: string): [string, number] {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === open) depth++;
    else if (char === close && --depth === 0) return [text.slice(start + 1, i), i + 1];
  }
  throw new Error(`unbalanced ${open} in ${text}`);
}

/** The subset of selector syntax the theme uses; anything else throws, so it is never skipped silently. */
function parseComplex(selector: string): { compounds: Compound[]; combinators: string[] } {
  const compounds: Compound[] = [];
  const combinators: string[] = [];
  let current: Compound | undefined;
  let pending: string | undefined;
  const text = selector.trim();
  const startCompound = (): Compound => {
    if (!current) {
      if (compounds.length > 0) combinators.push(pending ?? ' ');
      pending = undefined;
      current = { attributes: [], pseudos: [] };
      compounds.push(current);
    }
    return current;
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      current = undefined;
      i++;
    } else if (char === '>' || char === '+' || char === '~') {
      current = undefined;
      pending = char;
      i++;
    } else if (char === '[') {
      const [inside, next] = readBalanced(text, i, '[', ']');
      const match = /^\s*([\w-]+)\s*(?:=\s*(?:'([^']*)'|"([^"]*)"|([\w-]+)))?\s*$/.exec(inside);
      if (!match) throw new Error(`attribute selector [${inside}] is not supported`);
      startCompound().attributes.push([match[1]!, match[2] ?? match[3] ?? match[4] ?? '']);
      i = next;
    } else if (char === ':') {
      if (text[i + 1] === ':') throw new Error('pseudo-elements are not supported');
      const name = /^[\w-]+/.exec(text.slice(i + 1))?.[0];
      if (!name) throw new Error(`a bare colon in ${text}`);
      i += 1 + name.length;
      let argument: string | undefined;
      if (text[i] === '(') [argument, i] = readBalanced(text, i, '(', ')');
      startCompound().pseudos.push({ name, argument });
    } else if (char === '*') {
      startCompound();
      i++;
    } else if (/[a-z]/i.test(char)) {
      const tag = /^[\w-]+/.exec(text.slice(i))![0];
      startCompound().tag = tag;
      i += tag.length;
    } else {
      throw new Error(`"${char}" is not supported`);
    }
  }
  return { compounds, combinators };
}
