import { describe, expect, it } from 'vitest';
import { errorFromTask } from '../../src/core/errorFromTask';
import { predictionSchema } from '../../src/core/predictionSchema';

describe('predictionSchema', () => {
  it('reads the documented envelope data', () => {
    const prediction = predictionSchema.parse({
      id: 'abc123',
      model: 'luma/ray-2-flash-i2v',
      outputs: ['https://cdn.example.com/v.mp4'],
      urls: { get: 'https://api.wavespeed.ai/api/v3/predictions/abc123/result' },
      has_nsfw_contents: [false],
      status: 'completed',
      created_at: '2025-01-01T12:00:00.000Z',
      error: '',
      timings: { inference: 41234 },
    });
    expect(prediction).toMatchObject({
      id: 'abc123',
      status: 'completed',
      outputs: ['https://cdn.example.com/v.mp4'],
      nsfwFlags: [false],
      inferenceMs: 41234,
      error: undefined,
      resultUrl: 'https://api.wavespeed.ai/api/v3/predictions/abc123/result',
    });
  });

  it('lives without the optional fields the completed example omits', () => {
    const prediction = predictionSchema.parse({ id: 'x', status: 'completed', outputs: ['https://a/b.mp4'] });
    expect(prediction.nsfwFlags).toEqual([]);
    expect(prediction.inferenceMs).toBeUndefined();
  });

  it('turns malformed optional fields into empty values instead of failing', () => {
    const prediction = predictionSchema.parse({
      id: 'x',
      status: 'processing',
      outputs: null,
      has_nsfw_contents: 'no',
      timings: { inference: 'soon' },
      code: '1200',
    });
    expect(prediction).toMatchObject({ outputs: [], nsfwFlags: [], inferenceMs: undefined, code: 1200 });
  });

  it.each(['id', 'status'])('is strict on %s', (field) => {
    const value: Record<string, unknown> = { id: 'x', status: 'created' };
    delete value[field];
    expect(predictionSchema.safeParse(value).success).toBe(false);
  });

  it.each(['cancelled', 'timeout', 'deleted', 'something-new'])('reads the status %s as a terminal failure', (status) => {
    const prediction = predictionSchema.parse({ id: 'x', status });
    expect(prediction.status).toBe('failed');
    expect(prediction.upstreamStatus).toBe(status);
  });
});

describe('errorFromTask', () => {
  const failed = (code: number | undefined, status = 'failed', error = 'boom') =>
    errorFromTask(predictionSchema.parse({ id: 'x', status, code, error }));

  it.each([
    [1200, 'content-moderated', false],
    [1402, 'media-unreachable', true],
    [1401, 'invalid-input', false],
    [1403, 'task-failed', true],
    [5003, 'upstream-unavailable', true],
    [5004, 'timeout', true],
  ] as const)('maps task code %i to %s (retryable: %s)', (code, kind, retryable) => {
    const error = failed(code);
    expect(error).toMatchObject({ kind, retryable, code, message: 'boom' });
  });

  it('explains a failure that came without a message', () => {
    expect(failed(undefined, 'timeout', '').message).toMatch(/status "timeout"/);
    expect(failed(undefined, 'timeout', '').kind).toBe('timeout');
  });
});
