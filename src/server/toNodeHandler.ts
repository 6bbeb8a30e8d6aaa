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
  /** Sends the head now (Node's `ServerResponse` has it); needed when the body is dropped (HEAD). */
  flushHeaders?(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** The Node-style middleware: `http.createServer(h)`, `app.use('/api/wavespeed', h)`, Vite's `server.middlewares.use(h)`. */
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike) => void;

type FetchHandler = (request: Request, context?: { clientAddress?: string; [key: string]: unknown }) => Promise<Response>;

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions {
  /**
   * Hears a handler that threw (the caller then gets a 500). Requests the adapter cannot represent
   * (a `TRACE`, a `Host` with credentials) are the caller's fault and answer 4xx without it.
   * Default: none.
   */
  onError?: (error: unknown) => void;
  /**
   * After answering early (a 413 before the body was read), at most this many more body bytes are
   * read and discarded so a client still sending reads the answer instead of a reset; past it the
   * connection is closed. Default 64 MiB.
   */
  maxDrainBytes?: number;
}

/**
 * Serves a fetch-standard handler on Node's `http` server, Express or Connect. Mount it ahead of
 * any body parser (it reads the raw body; a body a parser already read is used as it is). The
 * raw request target is checked before it is normalized, so `..` and `%2e%2e` never become a
 * different path.
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const maxDrainBytes = options.maxDrainBytes ?? DEFAULT_DRAIN_BYTES;
  return (req, res) => {
    void serve(handler, req, res, options.onError, maxDrainBytes);
  };
}

/** Methods the fetch `Request` refuses to carry; the proxy forwards only GET and POST anyway. */
const UNREPRESENTABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const DEFAULT_DRAIN_BYTES = 64 * 1024 * 1024;

async function serve(
  handler: FetchHandler,
  req: NodeRequestLike,
  res: NodeResponseLike,
  onError: ((error: unknown) => void) | undefined,
  maxDrainBytes: number,
): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = new RequestBody(req);
  let response: Response;
  try {
    const target = req.originalUrl ?? req.url ?? '';
    const path = target.split('?')[0] ?? '';
    const method = (req.method ?? 'GET').toUpperCase();
    if (!isSafeRequestPath(path)) {
      response = errorResponse(400, 'That path is not allowed.');
    } else if (UNREPRESENTABLE_METHODS.has(method)) {
      response = errorResponse(405, `${method} is not allowed.`, { headers: { allow: 'GET, POST' } });
    } else {
      const request = toRequest(req, method, target, body, controller.signal);
      response = request ? await handler(request, { clientAddress: req.socket?.remoteAddress }) : errorResponse(400, 'Bad request.');
    }
  } catch (error) {
    onError?.(error);
    response = errorResponse(500, 'The proxy failed.');
  }
  await writeResponse(response, res, body.unread() ? () => body.drain(maxDrainBytes) : undefined);
}

function toRequest(req: NodeRequestLike, method: string, target: string, body: RequestBody, signal: AbortSignal): Request | undefined {
  const host = typeof req.headers.host === 'string' ? req.headers.host : 'localhost';
  let url: URL;
  try {
    url = new URL(target, `${req.socket?.encrypted ? 'https' : 'http'}://${host}`);
  } catch {
    return undefined;
  }
  // `Host: u:p@x` parses, but a Request may not carry credentials in its URL.
  if (url.username !== '' || url.password !== '') return undefined;
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
  const hasBody = method !== 'GET' && method !== 'HEAD';
  try {
    return new Request(url, {
      method,
      headers,
      signal,
      body: hasBody ? body.toBodyInit() : undefined,
      // Node's fetch requires this for a streamed request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    // Whatever else a fetch Request cannot represent is the caller's malformed request.
    return undefined;
  }
}

/**
 * The request body as the handler reads it, remembering whether it was read to the end. A body
 * the handler gave up on (an early 413) is not destroyed: that would reset a connection the
 * client is still writing to, and the client would never read the answer.
 */
class RequestBody {
  private iterator: AsyncIterator<Uint8Array | string> | undefined;
  private ended = false;
  private pending: Promise<IteratorResult<Uint8Array | string>> | undefined;

  constructor(private readonly req: NodeRequestLike) {}

  toBodyInit(): BodyInit | ReadableStream<Uint8Array> {
    const { req } = this;
    if (req.readableEnded && req.body !== undefined) {
      this.ended = true;
      if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body as BodyInit;
      return JSON.stringify(req.body);
    }
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await this.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
        },
        // Left for `drain`, which reads the rest or closes the connection.
        cancel: () => undefined,
      },
      // Read only on demand: a refused body is never buffered ahead.
      { highWaterMark: 0 },
    );
  }

  /** Whether the client may still be sending body bytes nobody read. */
  unread(): boolean {
    if (this.ended || this.req.readableEnded) return false;
    const { headers } = this.req;
    return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  }

  /** Reads and discards up to `maxBytes` more; true when the body ended within them. */
  async drain(maxBytes: number): Promise<boolean> {
    let discarded = 0;
    try {
      while (!this.ended) {
        const { done, value } = await this.next();
        if (done) return true;
        discarded += value.length;
        if (discarded > maxBytes) break;
      }
      return this.ended;
    } catch {
      return false;
    } finally {
      if (!this.ended) await this.iterator?.return?.().catch(() => undefined);
    }
  }

  private next(): Promise<IteratorResult<Uint8Array | string>> {
    this.iterator ??= this.req[Symbol.asyncIterator]();
    // One read at a time: a drain waits for a read the stream had already started.
    const read = (this.pending ?? Promise.resolve()).then(
      () => this.iterator!.next(),
      () => this.iterator!.next(),
    );
    this.pending = read;
    return read.then((result) => {
      if (result.done) this.ended = true;
      return result;
    });
  }
}

async function writeResponse(response: Response, res: NodeResponseLike, drain?: () => Promise<boolean>): Promise<void> {
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
        const whole = buffered.length === 1 ? buffered[0]! : concatBytes(buffered, size);
        if (!drain) {
          res.end(whole);
          return;
        }
        // Answered before the body was read: send the answer, then read what the client is still
        // sending, so closing the connection (Connection: close) does not reset it under the answer.
        await write(res, whole);
        // An answer to HEAD has no body to carry the head out: send it before waiting on the drain.
        res.flushHeaders?.();
        const drained = await drain();
        if (drained) res.end();
        else res.destroy();
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
