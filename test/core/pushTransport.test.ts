import { describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { parsePushHeader, PUSH_HEADER } from '../../src/core/parsePushHeader';

const prediction = { id: 'task1', status: 'processing' };

function transportAnswering(headers: Record<string, string>) {
  const urls: string[] = [];
  const transport = createProxyTransport({
    fetch: async (input) => {
      urls.push(String(input));
      return Response.json({ code: 200, data: prediction }, { headers });
    },
  });
  return { transport, urls };
}

describe('push in the proxy transport', () => {
  it('learns push from the answers and only then sends a wait, capped at what was granted', async () => {
    const { transport, urls } = transportAnswering({ [PUSH_HEADER]: 'wait=25' });
    expect(transport.maxWaitMs?.()).toBeUndefined();
    await transport.getResult('task1', { waitMs: 25_000 });
    expect(transport.maxWaitMs?.()).toBe(25_000);
    await transport.getResult('task1', { waitMs: 60_000 });
    await transport.getResult('task1', { waitMs: 10_500 });
    await transport.getResult('task1');
    expect(urls).toEqual([
      '/api/wavespeed/predictions/task1/result',
      '/api/wavespeed/predictions/task1/result?wait=25',
      '/api/wavespeed/predictions/task1/result?wait=10',
      '/api/wavespeed/predictions/task1/result',
    ]);
  });

  it('never waits against a proxy that does not offer it', async () => {
    const { transport, urls } = transportAnswering({});
    await transport.getResult('task1', { waitMs: 25_000 });
    await transport.getResult('task1', { waitMs: 25_000 });
    expect(transport.maxWaitMs?.()).toBeUndefined();
    expect(urls.every((url) => !url.includes('wait='))).toBe(true);
  });

  it('reads only a well-formed header', () => {
    expect(parsePushHeader('wait=25')).toBe(25_000);
    for (const value of [null, '', 'wait=0', 'wait=-1', 'wait=2.5', 'wait=1000', 'long-poll', 'wait=25; sse']) {
      expect(parsePushHeader(value), String(value)).toBeUndefined();
    }
  });
});
