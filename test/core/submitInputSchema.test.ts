import { describe, expect, it } from 'vitest';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import { parseSubmitInput } from '../../src/core/parseSubmitInput';
import { PROMPT_MAX_LENGTH } from '../../src/core/submitInputSchema';

const image = 'https://cdn.example.com/cat.jpg';

function fieldErrorsOf(value: unknown) {
  try {
    parseSubmitInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageToVideoError);
    expect((error as ImageToVideoError).kind).toBe('invalid-input');
    expect((error as ImageToVideoError).retryable).toBe(false);
    return (error as ImageToVideoError).fieldErrors ?? {};
  }
  throw new Error('expected the input to be rejected');
}

describe('parseSubmitInput', () => {
  it('fills in the documented defaults and trims the prompt', () => {
    expect(parseSubmitInput({ image, prompt: '  a cat turns its head  ' })).toEqual({
      image,
      prompt: 'a cat turns its head',
      size: '1280*720',
      duration: 5,
    });
  });

  it('keeps portrait and 10 s when asked', () => {
    const input = parseSubmitInput({ image, prompt: 'waves', size: '720*1280', duration: 10 });
    expect(input).toMatchObject({ size: '720*1280', duration: 10 });
  });

  it('drops fields the model does not declare', () => {
    const input = parseSubmitInput({ image, prompt: 'x', webhook: 'https://evil' });
    expect(Object.keys(input).sort()).toEqual(['duration', 'image', 'prompt', 'size']);
  });

  it('carries enable_prompt_optimizer only when the caller opted in, and only as a boolean', () => {
    expect(parseSubmitInput({ image, prompt: 'x', enable_prompt_optimizer: true })).toMatchObject({ enable_prompt_optimizer: true });
    expect('enable_prompt_optimizer' in parseSubmitInput({ image, prompt: 'x' })).toBe(false);
    expect(() => parseSubmitInput({ image, prompt: 'x', enable_prompt_optimizer: 'yes' })).toThrow(/.+/);
  });

  it('accepts base64 image data URIs', () => {
    expect(parseSubmitInput({ image: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==', prompt: 'x' }).image).toMatch(/^data:/);
  });

  it.each([
    ['javascript:alert(1)'],
    ['ftp://example.com/a.jpg'],
    ['file:///etc/passwd'],
    ['data:text/html;base64,PGh0bWw+'],
    ['data:image/svg+xml;base64,PHN2Zz4='],
    ['data:image/png;base64,not base64!'],
    ['/relative/path.jpg'],
    [`https://example.com/${'a'.repeat(3000)}`],
  ])('rejects the image %s with a field error', (bad) => {
    expect(fieldErrorsOf({ image: bad, prompt: 'x' }).image?.[0]).toMatch(/http\(s\) URL|data URI/);
  });

  it('names every field that needs attention at once', () => {
    const errors = fieldErrorsOf({ image: '', prompt: '   ', size: '1024*1024', duration: 7 });
    expect(Object.keys(errors).sort()).toEqual(['duration', 'image', 'prompt', 'size']);
    expect(errors.prompt).toEqual(['Write a prompt.']);
  });

  it('caps the prompt at the documented length', () => {
    expect(() => parseSubmitInput({ image, prompt: 'a'.repeat(PROMPT_MAX_LENGTH) })).not.toThrow();
    expect(fieldErrorsOf({ image, prompt: 'a'.repeat(PROMPT_MAX_LENGTH + 1) }).prompt?.[0]).toMatch(/at most 2000/);
  });

  it('rejects a duration given as a string', () => {
    expect(fieldErrorsOf({ image, prompt: 'x', duration: '5' }).duration).toBeDefined();
  });
});
