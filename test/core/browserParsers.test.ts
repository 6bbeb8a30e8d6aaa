import { describe, expect, it } from 'vitest';
import { isImageToVideoError } from '../../src/core/ImageToVideoError';
import { parsePrediction } from '../../src/core/parsePrediction';
import { parsePromptOptimizerInput } from '../../src/core/parsePromptOptimizerInput';
import { promptOptimizerInputSchema } from '../../src/core/promptOptimizerInputSchema';
import { parseSubmitInput } from '../../src/core/parseSubmitInput';
import { parseUploadResult } from '../../src/core/parseUploadResult';
import { predictionSchema } from '../../src/core/predictionSchema';
import { PROMPT_MAX_LENGTH } from '../../src/core/submitInputRules';
import { submitInputSchema } from '../../src/core/submitInputSchema';
import { uploadResultSchema } from '../../src/core/uploadResultSchema';

/**
 * The browser path reads and checks with hand-written parsers so that zod stays out of its bundle;
 * the zod schemas remain for the proxy, the testing kit and users. Both must give the same
 * answers, messages included: each case below goes through both.
 */
const tinyPng = 'data:image/png;base64,iVBORw0KGgo=';
const submitCases: unknown[] = [
  null, undefined, 'x', 42, [], {},
  { image: 5, prompt: null },
  { image: '', prompt: '' },
  { image: '   ', prompt: '   ' },
  { image: '  https://images.example/cat.jpg ', prompt: ' a cat yawns ', extra: 1 },
  { image: 'https://images.example/cat.jpg', prompt: 'x', size: '720*1280', duration: 10 },
  { image: 'https://images.example/cat.jpg', prompt: 'x', size: null, duration: '5' },
  { image: 'https://images.example/cat.jpg', prompt: 'x', size: '1*1', duration: 7 },
  { image: 'ftp://images.example/cat.jpg', prompt: 'x' },
  { image: 'javascript:alert(1)', prompt: 'x' },
  { image: tinyPng, prompt: 'x' },
  { image: 'data:image/svg+xml;base64,PHN2Zz4=', prompt: 'x' },
  { image: `https://images.example/${'a'.repeat(2100)}`, prompt: 'x' },
  { image: 'https://images.example/cat.jpg', prompt: 'p'.repeat(PROMPT_MAX_LENGTH) },
  { image: 'https://images.example/cat.jpg', prompt: 'p'.repeat(PROMPT_MAX_LENGTH + 1) },
  { image: 'https://images.example/cat.jpg', prompt: ` ${'p'.repeat(PROMPT_MAX_LENGTH)} ` },
];

function viaSchema(value: unknown) {
  const result = submitInputSchema.safeParse(value);
  if (result.success) return { data: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[issue.path.length > 0 ? String(issue.path[0]) : 'input'] ??= []).push(issue.message);
  return { fieldErrors };
}

function viaParser(value: unknown) {
  try {
    return { data: parseSubmitInput(value) };
  } catch (error) {
    if (!isImageToVideoError(error) || error.kind !== 'invalid-input') throw error;
    return { fieldErrors: error.fieldErrors };
  }
}

describe('parseSubmitInput', () => {
  it.each(submitCases.map((value) => [JSON.stringify(value)?.slice(0, 60) ?? String(value), value]))('answers as submitInputSchema: %s', (_, value) => {
    expect(viaParser(value)).toEqual(viaSchema(value));
  });

  it('keeps only the declared fields, trimmed and with defaults, in the schema order', () => {
    const input = parseSubmitInput({ image: ' https://images.example/cat.jpg ', prompt: ' hi ', extra: true });
    expect(Object.entries(input)).toEqual([
      ['image', 'https://images.example/cat.jpg'],
      ['prompt', 'hi'],
      ['size', '1280*720'],
      ['duration', 5],
    ]);
  });
});

const predictionCases: unknown[] = [
  null, 'x', [], {},
  { id: '', status: 'created' },
  { id: 'abc', status: '' },
  { id: 7, status: 'created' },
  { id: 'abc', status: 'created' },
  { id: 'abc', status: 'cancelled', error: '', code: '1200', outputs: 'nope', has_nsfw_contents: [true, 'x'] },
  {
    id: 'abc',
    status: 'completed',
    model: 'luma/ray-2-flash-i2v',
    outputs: ['https://cdn.example/v.mp4'],
    has_nsfw_contents: [false],
    created_at: '2026-01-01T00:00:00Z',
    urls: { get: 'https://api.example/result' },
    timings: { inference: 41234 },
    extra: { deep: true },
  },
  { id: 'abc', status: 'failed', error: 'boom', code: 5003, urls: null, timings: 'x' },
];

describe('parsePrediction', () => {
  it.each(predictionCases.map((value) => [JSON.stringify(value), value]))('answers as predictionSchema: %s', (_, value) => {
    const schema = predictionSchema.safeParse(value);
    expect(parsePrediction(value)).toEqual(schema.success ? schema.data : undefined);
  });
});

const uploadCases: unknown[] = [
  null, [], {}, { url: 5 }, { download_url: 5, url: 'https://cdn.example/a.jpg' },
  { download_url: 'ftp://x', url: 'https://cdn.example/a.jpg' },
  { download_url: 'https://cdn.example/b.jpg', url: 'https://cdn.example/a.jpg' },
  { url: 'http://cdn.example/a.jpg' }, { url: 'https://' }, { url: null },
];

describe('parseUploadResult', () => {
  it.each(uploadCases.map((value) => [JSON.stringify(value), value]))('answers as uploadResultSchema: %s', (_, value) => {
    const schema = uploadResultSchema.safeParse(value);
    expect(parseUploadResult(value)).toEqual(schema.success ? schema.data : undefined);
  });
});

const optimizerCases: unknown[] = [
  null, undefined, 'x', [], {},
  { text: 5, image: null },
  { text: '', image: '' },
  { text: '   ', image: '   ' },
  { text: ' make it move ', image: ' https://cdn.example.com/uploads/1.jpg ', extra: 1 },
  { text: 'x', image: 'https://cdn.example.com/a.jpg', style: 'anime' },
  { text: 'x', image: 'https://cdn.example.com/a.jpg', style: 'noir' },
  { text: 'x', image: 'https://cdn.example.com/a.jpg', style: null },
  { text: 'x', image: tinyPng },
  { text: 'x', image: 'https:x.example/a.png' },
  { text: 'x', image: `https://cdn.example.com/${'a'.repeat(2100)}` },
  { text: 'p'.repeat(PROMPT_MAX_LENGTH), image: 'https://cdn.example.com/a.jpg' },
  { text: 'p'.repeat(PROMPT_MAX_LENGTH + 1), image: 'https://cdn.example.com/a.jpg' },
  { text: 'p'.repeat(10_000), image: 'data:image/png;base64,AAAA', style: 'loud' },
];

describe('parsePromptOptimizerInput', () => {
  function optimizerViaSchema(value: unknown) {
    const result = promptOptimizerInputSchema.safeParse(value);
    if (result.success) return { data: result.data };
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of result.error.issues) (fieldErrors[issue.path.length > 0 ? String(issue.path[0]) : 'input'] ??= []).push(issue.message);
    return { fieldErrors };
  }
  function optimizerViaParser(value: unknown) {
    try {
      return { data: parsePromptOptimizerInput(value) };
    } catch (error) {
      if (!isImageToVideoError(error) || error.kind !== 'invalid-input') throw error;
      return { fieldErrors: error.fieldErrors };
    }
  }
  it.each(optimizerCases.map((value) => [JSON.stringify(value)?.slice(0, 60) ?? String(value), value]))('answers as promptOptimizerInputSchema: %s', (_, value) => {
    expect(optimizerViaParser(value)).toEqual(optimizerViaSchema(value));
  });
});
