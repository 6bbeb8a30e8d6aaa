import { concatBytes } from './concatBytes';
import { errorResponse } from './errorResponse';
import { isSafeRequestPath } from './isSafeRequestPath';

/** What the adapter needs of Node's `IncomingMessage` (and Express's and Connect's requests). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  /** Express and Connect strip their mount path from `url` and keep the full one here. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string; encrypted?: boolean } | null;
  /** Set when a body parser ran first. */
  body?: unknown;
  readableEnded?: boolean;
}

/** What the adapter needs of Node's `ServerResponse`. */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableFinished?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: Uint8Array | string): unknown;
  destroy(error?: Error): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** The Node-style middleware: `http.createServer(h)`, `app.use('/api/wavespeed', h)`, Vite's `server.middlewares.use(h)`. */
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike) => void;

type FetchHandler = (request: Request, context?: { clientAddress?: string; [key: string]: unknown }) => Promise<Response>;

/**
 * Serves a fetch-standard handler on Node's `http` server, Express or Connect. Mount it ahead of
 * any body parser (it reads the raw body; a body a parser already read is used as it is). The
 * raw request target is checked before it is normalized, so `..` and `%2e%2e` never become a
 * different path.
 */
export function toNodeHandler(handler: FetchHandler): NodeHandler {
  return (req, res) => {
    void serve(handler, req, res);
  };
}

async function serve(handler: FetchHandler, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Response;
  try {
    const target = req.originalUrl ?? req.url ?? '';
    const path = target.split('?')[0] ?? '';
    if (!isSafeRequestPath(path)) {
      response = errorResponse(400, 'That path is not allowed.');
    } else {
      const request = toRequest(req, target, controller.signal);
      response = request ? await handler(request, { clientAddress: req.socket?.remoteAddress }) : errorResponse(400, 'Bad request.');
    }
  } catch {
    response = errorResponse(500, 'The proxy failed.');
  }
  await writeResponse(response, res);
}

function toRequest(req: NodeRequestLike, target: string, signal: AbortSignal): Request | undefined {
  const host = typeof req.headers.host === 'string' ? req.headers.host : 'localhost';
  let url: URL;
  try {
    url = new URL(target, `${req.socket?.encrypted ? 'https' : 'http'}://${host}`);
  } catch {
    return undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers a Request can carry.
    if (value === undefined || name.startsWith(':')) continue;
    try {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    } catch {
      return undefined;
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal,
    body: hasBody ? bodyOf(req) : undefined,
    // Node's fetch requires this for a streamed request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

function bodyOf(req: NodeRequestLike): BodyInit | ReadableStream<Uint8Array> {
  if (req.readableEnded && req.body !== undefined) {
    if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body as BodyInit;
    return JSON.stringify(req.body);
  }
  const iterator = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function writeResponse(response: Response, res: NodeResponseLike): Promise<void> {
  try {
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') res.setHeader(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    // A small answer (every answer the proxy makes) goes out whole, with its length, in one write:
    // headers and body in one packet, instead of a chunked body and a separate closing chunk that
    // each wake the caller.
    const buffered: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (!res.headersSent && response.headers.get('transfer-encoding') === null) res.setHeader('content-length', String(size));
        res.end(buffered.length === 1 ? buffered[0] : concatBytes(buffered, size));
        return;
      }
      buffered.push(value);
      size += value.byteLength;
      if (size > WHOLE_ANSWER_BYTES) break;
    }
    for (const chunk of buffered) await write(res, chunk);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await write(res, value);
    }
    res.end();
  } catch {
    // The caller hung up or the body broke: nothing more can be said on this socket.
    res.destroy();
  }
}

/** Answers up to this size are sent in one write with a `content-length`; longer ones stream. */
const WHOLE_ANSWER_BYTES = 64 * 1024;

async function write(res: NodeResponseLike, chunk: Uint8Array): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    res.once('drain', resolve);
    res.once('close', resolve);
  });
}
