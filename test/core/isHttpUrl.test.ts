import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '../../src/core/isHttpUrl';
import { parseSubmitInput } from '../../src/core/parseSubmitInput';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';

describe('isHttpUrl: one rule for the client and the proxy', () => {
  it.each([
    ['https://cdn.example.com/cat.png'],
    ['http://cdn.example.com'],
    ['HTTPS://CDN.example.com/a.png?x=1#y'],
    ['https://[::1]:8080/a.png'],
    ['https://cdn.example.com/a%20b.png'],
  ])('accepts %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    ['a scheme without slashes', 'https:x.example/a.png'],
    ['an empty host the parser skips', 'https:///a.png'],
    ['one slash', 'https:/x.example/a.png'],
    ['a backslash the parser turns into a slash', 'https:\\\\x.example/a.png'],
    ['a tab inside', 'https://x.exa\tmple/a.png'],
    ['a newline inside', 'https://x.example/a\n.png'],
    ['a carriage return inside', 'https://x.example/\ra.png'],
    ['a space inside', 'https://x.example/a b.png'],
    ['a NUL', 'https://x.example/a\u0000.png'],
    ['no host', 'https://'],
    ['another scheme', 'ftp://x.example/a.png'],
  ])('refuses %s, which parses only after repair', (_, url) => {
    expect(isHttpUrl(url)).toBe(false);
  });

  it('a submit with such an image URL is an invalid-input error naming the image', () => {
    let caught: unknown;
    try {
      parseSubmitInput({ image: 'https:x.example/a.png', prompt: 'a cat' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageToVideoError);
    expect((caught as ImageToVideoError).fieldErrors?.image?.[0]).toMatch(/http\(s\) URL/);
  });
});
