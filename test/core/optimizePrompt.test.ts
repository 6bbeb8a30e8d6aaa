import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { createProxyHandlers } from '../../src/testing/createProxyHandlers';
import { simulatedPromptRewrite } from '../../src/testing/simulatedPromptRewrite';
import { rejection } from '../rejection';

const BASE = 'http://app.test/api/wavespeed';
const IMAGE = 'https://cdn.example.com/a.jpg';
const proxy = createProxyHandlers({ baseUrl: BASE, timing: 'instant' });
const server = setupServer(...proxy.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => proxy.simulator.reset());
afterAll(() => server.close());

const transport = createProxyTransport({ baseUrl: BASE });

describe('createProxyTransport().optimizePrompt', () => {
  it('answers the improved text', async () => {
    await expect(transport.optimizePrompt!({ text: 'a cat', image: IMAGE, style: 'realistic' })).resolves.toBe(
      simulatedPromptRewrite('a cat', 'realistic'),
    );
    const sent = proxy.simulator.requests.filter((r) => r.operation === 'optimize');
    expect(JSON.parse(sent[0]!.body!)).toEqual({ text: 'a cat', image: IMAGE, style: 'realistic', mode: 'video', enable_sync_mode: true });
  });

  it('turns a refused input into invalid-input with the field named', async () => {
    const error = await rejection(transport.optimizePrompt!({ text: 'a cat', image: 'data:image/png;base64,AAAA' }));
    expect(error.kind).toBe('invalid-input');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['image']);
  });

  it('turns a 429 into rate-limited with its Retry-After', async () => {
    proxy.simulator.inject({ kind: 'rate-limit', retryAfterSeconds: 9, operations: ['optimize'] });
    const error = await rejection(transport.optimizePrompt!({ text: 'a cat', image: IMAGE }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 9000 });
  });

  it('honours its signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(transport.optimizePrompt!({ text: 'a cat', image: IMAGE }, { signal: controller.signal }));
    expect(error.kind).toBe('canceled');
  });
});
