import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator';
import { handleSimulatorControl } from './handleSimulatorControl';

export interface SimulatorServerOptions extends SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /**
   * Serves the control route on `/__simulator/control` (`inject`, `setTiming`, … over HTTP) so a
   * test runner in another process can script faults. Loopback callers only. Default `false`.
   */
  control?: boolean;
}

export interface SimulatorServer {
  /** The server's origin, such as `http://127.0.0.1:54321`; use it as `WAVESPEED_BASE_URL`. */
  url: string;
  simulator: Simulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Runs the simulator as a real HTTP server, so injected drops break real sockets. Node only;
 * `node:http` is loaded on call, which keeps this module importable in browsers.
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const { createServer } = await import('node:http');
  const simulator = createSimulator(options);
  const server = createServer((req, res) => {
    void serve(simulator, req, res, options.control === true);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(simulator: Simulator, req: IncomingMessage, res: ServerResponse, control: boolean): Promise<void> {
  try {
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name.startsWith(':')) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const chunks: Uint8Array[] = [];
    if (method !== 'GET' && method !== 'HEAD') for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const body = chunks.length > 0 ? new Blob(chunks as BlobPart[]) : undefined;
    const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), { method, headers, body });
    const response =
      (control ? await handleSimulatorControl(simulator, request, req.socket.remoteAddress) : undefined) ??
      (await simulator.handler(request));
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (response.body) {
      res.flushHeaders();
      for await (const chunk of response.body) res.write(chunk);
    }
    res.end();
  } catch {
    // An injected drop (or a broken request): close the socket without an answer, as a failing upstream would.
    res.destroy();
  }
}
