/**
 * A client in its own process, so building and writing big bodies is not counted in the proxy's
 * work. Reads one JSON command a line on stdin, `{ port, body, concurrent?, idempotencyKey? }`,
 * sends that many requests at once over raw sockets (writing as the socket takes it, reading the
 * answer after), and prints their statuses as a JSON array.
 */
import { connect } from 'node:net';
import { createInterface } from 'node:readline';

const MiB = 1024 * 1024;
const BOUNDARY = 'hostileBoundary7MA4YWxk';

/** The hostile shapes, each about 10 MiB, and a 20 MiB upload; built once, shared by every send. */
const shapes: Record<string, () => { path: string; type: string; parts: Uint8Array[] }> = {
  'nested-arrays': () => json(`{"image":${'['.repeat(5 * MiB)}${']'.repeat(5 * MiB)}}`),
  'object-keys': () => json(`${`{${Array.from({ length: (10 * MiB) / 12 }, (_, i) => `"k${i.toString(36).padStart(7, '0')}":0`).join(',')}`.slice(0, 10 * MiB - 1)}}`),
  'flat-numbers': () => json(`{"image":[${'0,'.repeat(5 * MiB - 1)}0]}`),
  'data-uri': () => json(JSON.stringify({ image: `data:image/png;base64,${'A'.repeat(10 * MiB - 100)}`, prompt: 'a cat' })),
  'upload-20MiB': () => {
    const filler = Buffer.alloc(MiB, 0x42);
    const parts: Uint8Array[] = [
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ];
    for (let left = 20 * MiB - 64 * 1024 - 8; left > 0; left -= MiB) parts.push(left >= MiB ? filler : filler.subarray(0, left));
    parts.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
    return { path: '/api/wavespeed/media/upload/binary', type: `multipart/form-data; boundary=${BOUNDARY}`, parts };
  },
};

function json(text: string) {
  return { path: '/api/wavespeed/luma/ray-2-flash-i2v', type: 'application/json', parts: [Buffer.from(text)] };
}

const built = new Map<string, ReturnType<(typeof shapes)[string]>>();

function send(port: number, body: string, idempotencyKey?: string): Promise<number> {
  if (!built.has(body)) built.set(body, shapes[body]!());
  const { path, type, parts } = built.get(body)!;
  const length = parts.reduce((n, p) => n + p.length, 0);
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
    socket.on('connect', async () => {
      const key = idempotencyKey ? `Idempotency-Key: ${idempotencyKey}\r\n` : '';
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n${key}Connection: close\r\n\r\n`);
      for (const part of parts) {
        if (socket.destroyed) break;
        if (!socket.write(part)) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
    });
  });
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { port: number; body: string; concurrent?: number; idempotencyKey?: string };
  const statuses = await Promise.all(Array.from({ length: command.concurrent ?? 1 }, (_, i) => send(command.port, command.body, command.idempotencyKey && `${command.idempotencyKey}-${i}`)));
  console.log(JSON.stringify(statuses));
}
