/**
 * A stand-in upstream in its own process, so its work is not counted in the proxy's: it reads and
 * discards every body and answers each operation validly. Upload bodies are taken at most at the
 * bytes per second given as the first argument (0: as fast as they come), pausing the socket when
 * ahead, so the proxy must hold back its caller. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const bytesPerSecond = Number(process.argv[2] ?? 0);
const server = createServer((req, res) => {
  const upload = req.url?.includes('/media/upload/binary') ?? false;
  const started = performance.now();
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (!upload || bytesPerSecond <= 0) return;
    const ahead = started + (size / bytesPerSecond) * 1000 - performance.now();
    if (ahead < 2) return;
    req.pause();
    setTimeout(() => req.resume(), ahead);
  });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    const data = upload
      ? { download_url: 'https://cdn.example.com/u.png' }
      : { id: 'p1', model: 'luma/ray-2-flash-i2v', status: 'created', outputs: [], urls: { get: 'https://cdn.example.com/p1' }, created_at: new Date().toISOString() };
    res.end(JSON.stringify({ code: 200, message: 'success', data }));
  });
});
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
