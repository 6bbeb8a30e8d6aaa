import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createImageToVideoHandler } from '../../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../../src/server/toNodeHandler';
import { API_KEY, closeServer, listen } from '../proxyHarness';
import { startProcess, type LineProcess } from './startProcess';

export interface IsolatedProxy {
  /** The process that sends the hostile requests; it answers the lines it is sent. */
  client: LineProcess;
  /** The proxy's port on loopback. */
  port: number;
  stop(): Promise<void>;
}

/**
 * The proxy in this process, behind the Node adapter; its callers and its upstream each in a
 * process of their own, so what a test measures here (loop blocks, memory) is the proxy's alone.
 */
export async function startIsolatedProxy(upstreamArgs: string[] = []): Promise<IsolatedProxy> {
  const upstream = startProcess(resolve(import.meta.dirname, 'upstreamProcess.ts'), upstreamArgs);
  const client = startProcess(resolve(import.meta.dirname, 'clientProcess.ts'));
  const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${await upstream.next()}` });
  const server = createServer(toNodeHandler(handler));
  const port = await listen(server);
  return {
    client,
    port,
    async stop() {
      await closeServer(server);
      client.stop();
      upstream.stop();
    },
  };
}
