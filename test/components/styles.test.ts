import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import postcss, { type Rule } from 'postcss';
import { describe, expect, it } from 'vitest';
import { unstyledLeaks } from './unstyledLeaks';

// A path, not an `import.meta.url` URL: under jsdom that URL is http, not file.
const css = readFileSync(resolve(import.meta.dirname, '../../src/styles.css'), 'utf8');
const root = postcss.parse(css);
const rules: Rule[] = [];
root.walkRules((rule) => void rules.push(rule));

function insideLayer(rule: Rule): boolean {
  let node: postcss.Node | undefined = rule.parent;
  while (node) {
    if (node.type === 'atrule' && (node as postcss.AtRule).name === 'layer') return true;
    node = node.parent;
  }
  return false;
}

/** Splits a selector list on top-level commas only. */
function topLevelSelectors(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** True when the whole selector is one `:where(...)`, i.e. specificity 0. */
function isZeroSpecificity(selector: string): boolean {
  if (!selector.startsWith(':where(')) return false;
  let depth = 0;
  for (let i = ':where'.length; i < selector.length; i++) {
    if (selector[i] === '(') depth++;
    if (selector[i] === ')') depth--;
    if (depth === 0) return i === selector.length - 1;
  }
  return false;
}

describe('styles.css', () => {
  it('has rules', () => {
    expect(rules.length).toBeGreaterThan(30);
  });

  it('puts every rule inside @layer at zero specificity, so any host rule wins', () => {
    for (const rule of rules) {
      expect(insideLayer(rule), rule.selector).toBe(true);
      for (const selector of topLevelSelectors(rule.selector)) expect(isZeroSpecificity(selector), selector).toBe(true);
    }
  });

  it('uses logical properties only, so right-to-left mirrors', () => {
    const physical = /^(margin|padding|border)-(left|right|top|bottom)|^(left|right|top|bottom|width|height|min-width|max-width|min-height|max-height)$/;
    root.walkDecls((decl) => {
      expect(physical.test(decl.prop), `${decl.prop} in ${(decl.parent as Rule).selector}`).toBe(false);
      if (decl.prop === 'text-align') expect(decl.value).not.toMatch(/left|right/);
    });
  });

  it('animates only under prefers-reduced-motion: no-preference', () => {
    root.walkDecls(/^(transition|animation)/, (decl) => {
      const media = decl.parent?.parent;
      expect(media?.type === 'atrule' && (media as postcss.AtRule).params).toBe('(prefers-reduced-motion: no-preference)');
    });
  });

  it('defines light and dark tokens, by preference and by data-theme', () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(rules.some((r) => r.selector === ":where([data-theme='dark'])")).toBe(true);
    expect(rules.some((r) => r.selector === ":where([data-theme='light'])")).toBe(true);
    for (const token of ['--i2v-bg', '--i2v-fg', '--i2v-accent', '--i2v-radius', '--i2v-space', '--i2v-font']) {
      expect(css).toContain(`${token}:`);
    }
  });

  // By what each selector matches in a DOM, not by whether it mentions the attribute: a rule that
  // styles only unstyled instances mentions it too.
  it('styles no part inside an `unstyled` instance, and every part rule matches a styled one', () => {
    expect(unstyledLeaks(css, document)).toEqual([]);
  });

  it.each([
    ['styles only unstyled instances (the inverse guard)', ":where([data-i2v-unstyled] [data-i2v-part='prompt'])"],
    ['has no guard', ":where([data-i2v-part='prompt'])"],
    ['guards the wrong element', ":where([data-i2v-part='status']:not([data-i2v-unstyled]) [data-i2v-part='status-text'])"],
    ['guards one alternative of two', ":where(:is([data-i2v-part='stage']:not([data-i2v-unstyled] *), [data-i2v-part='player']))"],
  ])('catches a rule that %s', (_, selector) => {
    const leaks = unstyledLeaks(`${css}\n@layer react-image-to-video { ${selector} { color: red; } }`, document);
    expect(leaks).toEqual([expect.stringContaining(selector)]);
  });

  it('reports a part rule that matches nothing rather than passing it', () => {
    const selector = ":where([data-i2v-part='prompt']:not([data-i2v-part]))";
    expect(unstyledLeaks(`${selector} { color: red; }`, document)).toEqual([`${selector}: matches nothing in a styled instance (its witness is wrong, or the rule is)`]);
  });
});
