import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { API_KEY, closeServer, listen } from './proxyHarness';

const PREDICTION = { id: 'abc', model: 'luma/ray-2-flash-i2v', status: 'completed', outputs: ['https://cdn.example/v.mp4'], urls: { get: 'https://x/y' }, created_at: '2025-01-01T00:00:00Z' };

let servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.map(closeServer));
  servers = [];
});

/** A bare upstream on loopback that counts its TCP connections and what reached it. */
async function upstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    seen.push(req);
    answer(req, res);
  });
  server.on('connection', () => connections++);
  servers.push(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, seen, connections: () => connections };
}

const read = (handler: ReturnType<typeof createImageToVideoHandler>, init?: RequestInit) =>
  handler(new Request('http://localhost/api/wavespeed/predictions/abc/result', init));

function json(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

describe('the upstream client on Node', () => {
  it('keeps one upstream connection alive across reads and handlers', async () => {
    const up = await upstream((_req, res) => json(res, 200, { code: 200, data: PREDICTION }));
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: up.url });
    for (let i = 0; i < 5; i++) expect((await read(handler)).status).toBe(200);
    // Also across handlers, for hosts that create one per request.
    expect((await read(createImageToVideoHandler({ apiKey: API_KEY, baseUrl: up.url }))).status).toBe(200);
    expect(up.seen).toHaveLength(6);
    expect(up.connections()).toBe(1);
  });

  it('sends only the key upstream and never follows a redirect', async () => {
    const elsewhere = await upstream((_req, res) => json(res, 200, { code: 200, data: PREDICTION }));
    const up = await upstream((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/api/v3/predictions/abc/result` }).end();
    });
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: up.url });
    const response = await read(handler, { headers: { cookie: 'session=1', 'x-forwarded-for': '1.2.3.4' } });
    expect(response.status).toBe(502);
    expect(elsewhere.seen).toHaveLength(0);
    const headers = up.seen[0]!.headers;
    expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(Object.keys(headers).sort()).toEqual(['authorization', 'connection', 'host']);
  });

  it('cuts off an answer over the size cap, declared or streamed', async () => {
    const big = 'x'.repeat(4096);
    const declared = await upstream((_req, res) => json(res, 200, { code: 200, data: PREDICTION, big }));
    const streamed = await upstream((_req, res) => {
      res.write(big);
      res.end(big);
    });
    for (const up of [declared, streamed]) {
      const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: up.url, limits: { maxUpstreamResponseBytes: 1024 } });
      const response = await read(handler);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain('unexpectedly large');
    }
  });

  it('times out on a body that stalls, and stops when the caller goes away', async () => {
    const stall = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"code":200,');
    });
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: stall.url, timeoutMs: 150 });
    expect((await read(handler)).status).toBe(504);
    const caller = new AbortController();
    const slow = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: stall.url, timeoutMs: 10_000 });
    const pending = read(slow, { signal: caller.signal });
    await vi.waitFor(() => expect(stall.seen).toHaveLength(2));
    caller.abort();
    expect((await pending).status).toBe(499);
    await vi.waitFor(() => expect(stall.seen[1]!.socket.destroyed).toBe(true));
  });

  it('goes through a global fetch that was replaced after it loaded', async () => {
    const up = await upstream((_req, res) => json(res, 200, { code: 200, data: PREDICTION }));
    const stub = vi.fn(async () => Response.json({ code: 200, data: PREDICTION }));
    vi.stubGlobal('fetch', stub);
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: up.url });
    expect((await read(handler)).status).toBe(200);
    expect(stub).toHaveBeenCalledTimes(1);
    expect(up.seen).toHaveLength(0);
  });
});
