import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createImageToVideoHandler, type ImageToVideoHandlerOptions } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import type { SimulatorServerOptions } from '../../src/testing/startSimulatorServer';

export const API_KEY = 'test-key-0123456789';

export interface Harness {
  /** The proxy's mount, e.g. `http://127.0.0.1:1234/api/wavespeed`. */
  api: string;
  port: number;
  upstream: SimulatorServer;
  close(): Promise<void>;
}

/** A simulator on one real port, the proxy behind the Node adapter on another. */
export async function startHarness(
  options: Partial<ImageToVideoHandlerOptions> = {},
  simulatorOptions: SimulatorServerOptions = {},
): Promise<Harness> {
  const upstream = await startSimulatorServer({ apiKey: API_KEY, timing: 'instant', ...simulatorOptions });
  const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: upstream.url, ...options });
  const server = createServer(toNodeHandler(handler));
  const port = await listen(server);
  return {
    api: `http://127.0.0.1:${port}/api/wavespeed`,
    port,
    upstream,
    async close() {
      await closeServer(server);
      await upstream.close();
    },
  };
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Sends bytes exactly as written (no URL normalization) and answers the status line's code. */
export function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match) {
        resolve(Number(match[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed without a status: ${received}`)));
  });
}

export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

export const VALID_SUBMIT = { image: 'https://cdn.example.com/cat.png', prompt: 'a cat turns its head', size: '1280*720', duration: 5 };

export function submit(api: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api}/luma/ray-2-flash-i2v`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function uploadForm(bytes: Uint8Array, type: string, name = 'cat.png'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return form;
}
