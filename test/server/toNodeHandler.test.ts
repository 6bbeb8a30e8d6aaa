import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler, type NodeRequestLike, type NodeResponseLike } from '../../src/server/toNodeHandler';
import { API_KEY, VALID_SUBMIT, closeServer, listen, rawRequest, startHarness, type Harness } from './proxyHarness';

let harness: Harness | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all(servers.splice(0).map(closeServer));
});

function forwarded(h: Harness) {
  return h.upstream.simulator.requests.filter((r) => r.operation !== 'media' && r.operation !== 'output');
}

describe('toNodeHandler', () => {
  it.each([
    ['encoded dots', 'GET /api/wavespeed/predictions/%2e%2e/result HTTP/1.1'],
    ['encoded dots that would resolve onto a real route', 'POST /api/wavespeed/predictions/x/%2E%2E/%2e%2e/luma/ray-2-flash-i2v HTTP/1.1'],
    ['plain dot segments', 'POST /api/wavespeed/predictions/x/../../luma/ray-2-flash-i2v HTTP/1.1'],
    ['an encoded slash', 'GET /api/wavespeed/predictions/a%2Fb/result HTTP/1.1'],
    ['a double slash', 'GET /api/wavespeed//predictions/abc/result HTTP/1.1'],
    ['a leading double slash', 'GET //api/wavespeed/predictions/abc/result HTTP/1.1'],
    ['a backslash', 'GET /api/wavespeed/predictions\\abc/result HTTP/1.1'],
    ['an absolute URL', 'GET http://api.wavespeed.ai/api/v3/predictions/abc/result HTTP/1.1'],
    ['an absolute URL on its own path', 'GET http://127.0.0.1/api/wavespeed/predictions/abc/result HTTP/1.1'],
  ])('answers 4xx for %s on the raw request line and forwards nothing', async (_, line) => {
    const h = (harness = await startHarness());
    // A valid body, so only the path can be the reason for a refusal.
    const body = JSON.stringify(VALID_SUBMIT);
    const head = `${line}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const status = await rawRequest(h.port, head + body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(forwarded(h)).toEqual([]);
  });

  it('serves the full path when mounted under a prefix (Express/Connect set originalUrl)', async () => {
    const h = (harness = await startHarness());
    const handler = toNodeHandler(createImageToVideoHandler({ apiKey: API_KEY, baseUrl: h.upstream.url }));
    // What `app.use('/api/wavespeed', handler)` does: strips the mount from `url`, keeps `originalUrl`.
    const server = createServer((req, res) => {
      const mounted = Object.assign(req, { originalUrl: req.url, url: req.url!.slice('/api/wavespeed'.length) });
      handler(mounted, res);
    });
    servers.push(server);
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/api/wavespeed/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(VALID_SUBMIT),
    });
    expect(response.status).toBe(200);
  });

  it('uses a body that a JSON body parser already read', async () => {
    const h = (harness = await startHarness());
    const handler = toNodeHandler(createImageToVideoHandler({ apiKey: API_KEY, baseUrl: h.upstream.url }));
    const server = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      handler(Object.assign(req, { body: JSON.parse(text) as unknown }), res);
    });
    servers.push(server);
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/api/wavespeed/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...VALID_SUBMIT, extra: 1 }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(forwarded(h)[0]!.body!)).toEqual(VALID_SUBMIT);
  });

  it('keeps serving after a caller hangs up mid-body', async () => {
    const h = (harness = await startHarness());
    await new Promise<void>((resolve) => {
      void import('node:net').then(({ connect }) => {
        const socket = connect(h.port, '127.0.0.1', () => {
          socket.write('POST /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"image":');
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
      });
    });
    const status = await rawRequest(h.port, 'GET /api/wavespeed/predictions/abc/result HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(status).toBe(404);
    expect(forwarded(h).filter((r) => r.operation === 'submit')).toEqual([]);
  });

  it('passes the client address as context and copies status, headers and body', async () => {
    let seen: unknown;
    const handler = toNodeHandler(async (request, context) => {
      seen = context?.clientAddress;
      return new Response(`hello ${request.method}`, { status: 201, headers: { 'x-a': '1', 'set-cookie': 'a=1' } });
    });
    const server = createServer(handler);
    servers.push(server);
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/x`);
    expect([response.status, response.headers.get('x-a'), await response.text()]).toEqual([201, '1', 'hello GET']);
    expect(seen).toMatch(/127\.0\.0\.1/);
  });

  it('answers 500 when the handler throws', async () => {
    const handler = toNodeHandler(async () => {
      throw new Error('boom');
    });
    const writes: string[] = [];
    const res: NodeResponseLike = {
      statusCode: 0,
      headersSent: false,
      setHeader: () => undefined,
      write: (chunk) => writes.push(new TextDecoder().decode(chunk)) > 0,
      end: (chunk) => writes.push(`${chunk === undefined ? '' : typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)}<end>`),
      destroy: () => undefined,
      once: () => undefined,
      on: () => undefined,
    };
    const req: NodeRequestLike = { method: 'GET', url: '/x', headers: {}, async *[Symbol.asyncIterator]() {} };
    handler(req, res);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(res.statusCode).toBe(500);
    expect(writes.join('')).toContain('The proxy failed.');
  });
});
