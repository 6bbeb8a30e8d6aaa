import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { rejection } from '../rejection';

const input = { image: 'https://cdn.example.com/a.jpg', prompt: 'a cat', size: '1280*720', duration: 5 } as const;

afterEach(() => vi.useRealTimers());

describe('createMockTransport', () => {
  it('plays queued → processing → completed, then repeats the last step', async () => {
    const transport = createMockTransport();
    const { id, status } = await transport.submit(input, { idempotencyKey: 'k1' });
    expect(status).toBe('created');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await transport.getResult(id)).status);
    expect(statuses).toEqual(['created', 'processing', 'completed', 'completed']);
    const done = await transport.getResult(id);
    expect(done.outputs).toEqual([`https://video.example/${id}.mp4`]);
    expect(done.nsfwFlags).toEqual([false]);
    expect(transport.calls.getResult).toHaveLength(5);
  });

  it('creates one task per idempotency key', async () => {
    const transport = createMockTransport();
    const a = await transport.submit(input, { idempotencyKey: 'same' });
    const b = await transport.submit(input, { idempotencyKey: 'same' });
    const c = await transport.submit(input, { idempotencyKey: 'other' });
    expect([a.id === b.id, a.id === c.id, transport.taskCount]).toEqual([true, false, 2]);
    expect(transport.calls.submit.map((call) => call.idempotencyKey)).toEqual(['same', 'same', 'other']);
  });

  it('fails a task with its task code, mapped like the real transport maps it', async () => {
    const transport = createMockTransport({ timeline: [{ status: 'failed', code: 1200, error: 'moderated' }] });
    const { id } = await transport.submit(input, { idempotencyKey: 'k' });
    expect(await transport.getResult(id)).toMatchObject({ status: 'failed', code: 1200, error: 'moderated', outputs: [] });
  });

  it('answers a 429 with Retry-After, a dropped connection and an HTTP error as error values', async () => {
    const transport = createMockTransport({
      timeline: [{ fault: 'rate-limited', retryAfterSeconds: 7 }, { fault: 'dropped' }, { fault: 'http', status: 502, body: '<html>bad gateway</html>' }, 'completed'],
    });
    const { id } = await transport.submit(input, { idempotencyKey: 'k' });
    const limited = await rejection(transport.getResult(id));
    expect([limited.kind, limited.status, limited.retryAfterMs, limited.retryable]).toEqual(['rate-limited', 429, 7000, true]);
    expect((await rejection(transport.getResult(id))).kind).toBe('network');
    const gateway = await rejection(transport.getResult(id));
    expect([gateway.kind, gateway.message]).toEqual(['upstream-unavailable', 'The server answered 502 with an HTML page instead of JSON.']);
    expect((await transport.getResult(id)).status).toBe('completed');
  });

  it('gives later tasks their own timeline, and expired or flagged outputs', async () => {
    const transport = createMockTransport({
      timeline: (task) => (task === 0 ? [{ status: 'completed', expired: true }] : [{ status: 'completed', nsfw: true }]),
    });
    const first = await transport.submit(input, { idempotencyKey: 'a' });
    const second = await transport.submit(input, { idempotencyKey: 'b' });
    expect((await transport.getResult(first.id)).outputs[0]).toMatch(/^https:\/\/expired\.invalid\//);
    expect((await transport.getResult(second.id)).nsfwFlags).toEqual([true]);
  });

  it('rejects submits and uploads with scripted faults first, and can have no upload at all', async () => {
    const transport = createMockTransport({
      submitFaults: [{ fault: 'http', status: 402, body: JSON.stringify({ code: 402, message: 'Insufficient balance' }) }],
      uploadFaults: [{ fault: 'http', status: 413 }],
    });
    expect((await rejection(transport.submit(input, { idempotencyKey: 'k' }))).kind).toBe('insufficient-credit');
    expect((await transport.submit(input, { idempotencyKey: 'k' })).status).toBe('created');
    const file = new File([new Uint8Array(10)], 'cat.png', { type: 'image/png' });
    expect((await rejection(transport.upload!(file))).kind).toBe('invalid-input');
    const progress: number[] = [];
    expect(await transport.upload!(file, { onProgress: (p) => progress.push(p.loaded) })).toEqual({ url: 'https://media.example/2/cat.png' });
    expect(progress).toEqual([5, 10]);
    expect(createMockTransport({ uploadFaults: false }).upload).toBeUndefined();
  });

  it('honours aborts, including on a hanging request, and answers unknown ids with 404', async () => {
    const transport = createMockTransport({ timeline: [{ fault: 'hang' }] });
    const { id } = await transport.submit(input, { idempotencyKey: 'k' });
    const controller = new AbortController();
    const pending = transport.getResult(id, { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).kind).toBe('canceled');
    const unknown = await rejection(transport.getResult('nope'));
    expect([unknown.kind, unknown.status]).toEqual(['invalid-input', 404]);
  });

  it('answers after its latency, on the timers the test controls', async () => {
    vi.useFakeTimers();
    const transport = createMockTransport({ latencyMs: 500 });
    let answered = false;
    const pending = transport.submit(input, { idempotencyKey: 'k' }).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(answered).toBe(true);
  });
});

describe('createMockTransport tasks', () => {
  it('answers reads of tasks that existed before the test, without counting them as created', async () => {
    const transport = createMockTransport({ tasks: { earlier: ['processing', { status: 'completed', outputs: ['https://cdn.example/v.mp4'] }] } });
    expect((await transport.getResult('earlier')).status).toBe('processing');
    expect(await transport.getResult('earlier')).toMatchObject({ status: 'completed', outputs: ['https://cdn.example/v.mp4'] });
    expect(await transport.getResult('earlier')).toMatchObject({ status: 'completed' });
    expect(transport.taskCount).toBe(0);
    await expect(transport.getResult('unknown')).rejects.toMatchObject({ status: 404 });
  });
});
