/**
 * One server of the proxy benchmark, in its own process so the load generator, the proxy and the
 * simulator do not share an event loop: `simulator`, `proxy <upstream url>`, or `relay <upstream
 * url>` (the floor any Node proxy stands on: `node:http` in, a kept-alive `node:http` request out,
 * the body passed through, no checks). Prints its URL as a JSON line; answers `heap` on stdin with
 * its heap after a full GC.
 */
import { Agent, createServer, request, type RequestListener } from 'node:http';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { startSimulatorServer } from '../../src/testing/startSimulatorServer';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const [role, upstream] = process.argv.slice(2);

let url: string;
let close: () => Promise<void>;
if (role === 'simulator') {
  const simulator = await startSimulatorServer({ timing: 'instant' });
  url = simulator.url;
  close = simulator.close;
} else {
  const handler = role === 'relay' ? bareRelay(String(upstream)) : toNodeHandler(createImageToVideoHandler({ baseUrl: upstream, apiKey: 'bench-key' }));
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  close = () =>
    new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
}
console.log(JSON.stringify({ url }));

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'heap') {
    gc();
    gc();
    console.log(JSON.stringify({ heapBytes: process.memoryUsage().heapUsed, rssBytes: process.memoryUsage().rss }));
  } else if (line === 'exit') break;
}
await close();
process.exit(0);

function bareRelay(origin: string): RequestListener {
  const agent = new Agent({ keepAlive: true });
  return (req, res) => {
    const path = (req.url ?? '/').replace('/api/wavespeed/', '/api/v3/');
    const out = request(`${origin}${path}`, { agent, headers: { authorization: 'Bearer bench-key' } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
        res.end(Buffer.concat(chunks));
      });
    });
    out.on('error', () => res.writeHead(502).end());
    out.end();
  };
}
