import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { API_KEY, closeServer, listen, startHarness, type Harness } from './proxyHarness';

let harness: Harness | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all(servers.splice(0).map(closeServer));
});

interface RawAnswer {
  status?: number;
  headers: string;
  body: string;
  reset: boolean;
}

/**
 * A simple blocking client: writes the head and the whole body, reading nothing meanwhile, and
 * only then reads the answer (or sees the connection reset).
 */
function sendWholeThenRead(port: number, head: string, body: Uint8Array, times = 1): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    let received = '';
    let reset = false;
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => (reset = true));
    socket.on('close', () => {
      const [headers = '', ...rest] = received.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), headers, body: rest.join('\r\n\r\n'), reset });
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (let i = 0; i < times && !socket.destroyed; i++) {
        if (!socket.write(body)) {
          await new Promise<void>((done) => {
            const go = () => {
              socket.off('drain', go).off('close', go);
              done();
            };
            socket.on('drain', go).on('close', go);
          });
        }
      }
      if (!socket.destroyed) socket.end();
      socket.resume();
    });
  });
}

async function serve(options: Parameters<typeof toNodeHandler>[1] = {}, onProxyError = vi.fn()) {
  const h = (harness = await startHarness({ onError: onProxyError, limits: { maxSubmitBytes: 4096 } }));
  const handler = toNodeHandler(createImageToVideoHandler({ apiKey: API_KEY, baseUrl: h.upstream.url, onError: onProxyError, limits: { maxSubmitBytes: 4096 } }), options);
  const server = createServer(handler);
  servers.push(server);
  return { port: await listen(server), upstream: h.upstream };
}

describe('toNodeHandler under requests a fetch Request cannot represent', () => {
  it.each([
    ['TRACE on a route', 'TRACE /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: 127.0.0.1', 405],
    ['TRACE anywhere', 'TRACE /elsewhere HTTP/1.1\r\nHost: 127.0.0.1', 405],
    ['a Host with userinfo', 'GET /api/wavespeed/predictions/abc/result HTTP/1.1\r\nHost: u:p@x', 400],
    ['a Host with only a user', 'GET /api/wavespeed/predictions/abc/result HTTP/1.1\r\nHost: user@127.0.0.1', 400],
  ])('answers %s with a 4xx JSON refusal, not a 500', async (_, head, expected) => {
    const onError = vi.fn();
    const onProxyError = vi.fn();
    const { port, upstream } = await serve({ onError }, onProxyError);
    const answer = await sendWholeThenRead(port, `${head}\r\nConnection: close\r\n\r\n`, new Uint8Array(0), 0);
    expect(answer.status).toBe(expected);
    expect(JSON.parse(answer.body)).toMatchObject({ code: expected, message: expect.any(String) });
    if (expected === 405) expect(answer.headers).toMatch(/\r\nallow: GET, POST/i);
    // A caller's malformed request is not a failure of the proxy.
    expect(onError).not.toHaveBeenCalled();
    expect(onProxyError).not.toHaveBeenCalled();
    expect(upstream.simulator.requests.filter((r) => r.operation !== 'media' && r.operation !== 'output')).toEqual([]);
  });

  it('tells onError about a handler that throws, and answers 500', async () => {
    const onError = vi.fn();
    const server = createServer(
      toNodeHandler(
        async () => {
          throw new Error('boom');
        },
        { onError },
      ),
    );
    servers.push(server);
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/x`);
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });
});

describe('toNodeHandler delivers an early refusal to a client still sending', () => {
  const MiB = 1024 * 1024;

  it('a 16 MiB submit with Connection: close reads the 413 and its JSON, not a reset', async () => {
    const { port } = await serve();
    const chunk = new Uint8Array(MiB).fill(0x61);
    const head = `POST /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${16 * MiB}\r\nConnection: close\r\n\r\n`;
    const answer = await sendWholeThenRead(port, head, chunk, 16);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 413 });
    expect(answer.reset).toBe(false);
  });

  it('a chunked body past the limit reads the 413 too, and the connection is then closed', async () => {
    const { port } = await serve();
    const data = new Uint8Array(MiB).fill(0x61);
    const chunk = Buffer.concat([Buffer.from(`${MiB.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    const head = `POST /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const answer = await sendWholeThenRead(port, head, chunk, 12);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 413 });
  });

  it('past maxDrainBytes it stops reading and closes the connection', async () => {
    const { port } = await serve({ maxDrainBytes: MiB });
    const chunk = new Uint8Array(MiB).fill(0x61);
    const head = `POST /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * MiB}\r\n\r\n`;
    // Half of what it declared: a client that stalls would hold the socket if the drain had no bound.
    const answer = await sendWholeThenRead(port, head, chunk, 8);
    expect(answer.status === 413 || answer.reset).toBe(true);
  });
});

describe('toNodeHandler answers early even when the answer has no body to write', () => {
  // Found by the fuzz campaign (scripts/fuzz): a HEAD declaring a body it has not sent yet got its
  // 405 written into the void (Node drops a HEAD answer's body, so nothing flushed the headers)
  // while the adapter waited to drain that body; the client waited for the answer and timed out.
  it.each([
    ['a length', 'Content-Length: 10'],
    ['chunked', 'Transfer-Encoding: chunked'],
  ])('a HEAD declaring a body (%s) reads its 405 before sending the body', async (_, framing) => {
    const { port } = await serve();
    const socket = connect(port, '127.0.0.1');
    const head = await new Promise<string>((resolve) => {
      let received = '';
      const timer = setTimeout(() => resolve(received), 2000);
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) {
          clearTimeout(timer);
          resolve(received);
        }
      });
      socket.write(`HEAD /api/wavespeed/luma/ray-2-flash-i2v HTTP/1.1\r\nHost: 127.0.0.1\r\n${framing}\r\nConnection: close\r\n\r\n`);
    });
    socket.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 405 /);
    expect(head).toMatch(/\r\nallow: POST\r\n/i);
  });
});
