import { BodyPieces } from './BodyPieces';
import type { NodeUpstream, UpstreamOutcome } from './UpstreamCall';

/** The parts of `node:http` / `node:https` this module uses. */
interface NodeHttpModule {
  Agent: new (options: { keepAlive: boolean; scheduling?: 'fifo' | 'lifo' }) => unknown;
  request(url: URL, options: Record<string, unknown>, callback: (response: NodeIncoming) => void): NodeClientRequest;
}

interface NodeIncoming {
  statusCode?: number;
  rawHeaders: string[];
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): unknown;
}

interface NodeClientRequest {
  reusedSocket?: boolean;
  readonly destroyed?: boolean;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  write(chunk: Uint8Array): boolean;
  end(body?: string): unknown;
  destroy(): unknown;
}

let sharedAgents: Record<'http:' | 'https:', unknown> | undefined;

export type { NodeUpstream } from './UpstreamCall';

/** The global `fetch` as this module found it; one replaced later (a test stub, an interceptor) is honored. */
const initialFetch = globalThis.fetch;

/** Whether the global `fetch` is still the one Node started with, so going around it changes nothing observable. */
export function isInitialFetch(fetchImpl: typeof fetch): boolean {
  return fetchImpl === initialFetch && globalThis.fetch === initialFetch;
}

/**
 * An upstream call over Node's own `http`/`https` with kept-alive sockets, for Node, where the
 * global `fetch` costs about twice the CPU per call; `undefined` on any other runtime (edge, Deno,
 * Bun), which keep using `fetch`. Loaded with `process.getBuiltinModule`, so bundles for other
 * runtimes never see a `node:` import.
 *
 * Same contract as the `fetch` path: no redirect is ever followed (Node's client does not follow
 * them), only the headers the proxy set are sent, the timeout covers headers and body, and the
 * answer is cut off past `maxResponseBytes`.
 */
export function createNodeUpstream(): NodeUpstream | undefined {
  const processLike = (globalThis as { process?: { release?: { name?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  const isNode = processLike?.release?.name === 'node' && !('Bun' in globalThis) && !('Deno' in globalThis);
  if (!isNode || typeof processLike?.getBuiltinModule !== 'function') return undefined;
  const http = processLike.getBuiltinModule('node:http') as NodeHttpModule | undefined;
  const https = processLike.getBuiltinModule('node:https') as NodeHttpModule | undefined;
  if (!http?.request || !https?.request) return undefined;
  // Kept-alive sockets, shared by every handler in the process (as `fetch` shares its pool), so a
  // host that creates a handler per request still reuses connections.
  sharedAgents ??= { 'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }), 'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }) };
  const agents = sharedAgents;
  const modules = { 'http:': http, 'https:': https };

  return (call) => {
    let url: URL;
    try {
      url = new URL(call.url);
    } catch (error) {
      return Promise.resolve({ kind: 'unreachable', error });
    }
    const protocol = url.protocol as 'http:' | 'https:';
    if (protocol !== 'http:' && protocol !== 'https:') return Promise.resolve({ kind: 'unreachable', error: new Error(`Unsupported protocol ${url.protocol}`) });
    const headers: Record<string, string> = {};
    call.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const { body } = call;
    // A stream's length is unknown: Node sends it chunked.
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    else if (body instanceof BodyPieces) headers['content-length'] = String(body.byteLength);
    const reader = body instanceof ReadableStream ? body.getReader() : undefined;

    return new Promise<UpstreamOutcome>((resolve) => {
      let settled = false;
      let request: NodeClientRequest | undefined;
      let response: NodeIncoming | undefined;
      const finish = (outcome: UpstreamOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        call.signal?.removeEventListener('abort', onCallerAbort);
        // A body not sent to its end is left to its source (an upload refused mid-stream errors it).
        reader?.cancel().catch(() => undefined);
        resolve(outcome);
      };
      const stop = (outcome: UpstreamOutcome) => {
        if (settled) return;
        finish(outcome);
        response?.destroy();
        request?.destroy();
      };
      const timer = setTimeout(() => stop({ kind: 'timeout' }), call.timeoutMs);
      const onCallerAbort = () => stop({ kind: 'canceled' });
      if (call.signal?.aborted) return stop({ kind: 'canceled' });
      call.signal?.addEventListener('abort', onCallerAbort, { once: true });

      const send = (retried: boolean) => {
        const sent = modules[protocol].request(url, { method: call.method, headers, agent: agents[protocol] }, (incoming) => {
          response = incoming;
          const declared = Number(headerValue(incoming.rawHeaders, 'content-length') ?? 0);
          if (declared > call.maxResponseBytes) return stop({ kind: 'too-large' });
          const chunks: Uint8Array[] = [];
          let total = 0;
          incoming.on('data', (chunk) => {
            total += chunk.byteLength;
            if (total > call.maxResponseBytes) return stop({ kind: 'too-large' });
            chunks.push(chunk);
          });
          incoming.on('end', () => {
            const text = chunks.length === 1 ? decode(chunks[0]!) : decode(Buffer.concat(chunks));
            const answered = new Headers();
            for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
              try {
                answered.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
              } catch {
                // A header a Headers cannot hold is not one the proxy relays.
              }
            }
            finish({ kind: 'answered', status: incoming.statusCode ?? 0, headers: answered, text });
          });
          incoming.on('error', (error) => stop({ kind: 'unreachable', error }));
          // Closed before its end: the connection dropped mid-answer.
          incoming.on('close', () => stop({ kind: 'unreachable', error: new Error('The upstream answer broke off.') }));
        });
        request = sent;
        sent.on('error', (error) => {
          if (settled) return;
          // A kept-alive socket that the server closed just as it was reused: safe to send a read again, once.
          if (!retried && sent.reusedSocket && call.method === 'GET' && response === undefined && error.code === 'ECONNRESET') {
            send(true);
            return;
          }
          stop({ kind: 'unreachable', error });
        });
        if (reader) {
          void pump(sent, () => reader.read());
        } else if (body instanceof BodyPieces) {
          // Written as they are, never joined, and only as the socket takes them: no long
          // synchronous copy of a 10 MiB body into the socket.
          let index = 0;
          const { pieces } = body;
          void pump(sent, async () => (index < pieces.length ? { done: false, value: pieces[index++]! } : { done: true, value: undefined }));
        } else {
          sent.end(body as string | undefined);
        }
      };
      /**
       * Sends a body chunk by chunk as fast as upstream takes it and no faster: the next chunk is
       * read only once the socket has room, so for a streamed upload the backpressure reaches the
       * caller's socket and its bytes wait in kernel buffers, not in this process.
       */
      const pump = async (sent: NodeClientRequest, next: () => Promise<ReadableStreamReadResult<Uint8Array>>) => {
        try {
          for (;;) {
            const { done, value } = await next();
            if (settled || sent.destroyed) {
              // Answered (or failed) before the whole body went out: the request cannot be finished
              // or its socket reused.
              if (!done) sent.destroy();
              return;
            }
            if (done) break;
            if (!sent.write(value)) {
              await new Promise<void>((resolve) => {
                const done = () => {
                  sent.off('drain', done);
                  sent.off('close', done);
                  resolve();
                };
                sent.on('drain', done);
                sent.on('close', done);
              });
            }
          }
          sent.end();
        } catch (error) {
          // The body failed (the caller went away, or the upload was refused mid-stream).
          stop({ kind: 'unreachable', error });
        }
      };
      send(false);
    });
  };
}

const decoder = new TextDecoder();
function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

function headerValue(raw: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) return raw[i + 1];
  return undefined;
}
