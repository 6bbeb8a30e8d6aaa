import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPredictionId, RESULT_PATH_PATTERN, SUBMIT_PATH, SUPPORTED_IMAGE_TYPES, UPLOAD_PATH, WAVESPEED_API_PREFIX, WAVESPEED_MODEL } from '../../src/core/protocol';
import { submitInputSchema } from '../../src/core/submitInputSchema';
import { sniffImageType } from '../../src/server/sniffImageType';

/** How the upstream answers the requests of the current case. */
export type UpstreamFault = 'ok' | 'status500' | 'status429' | 'notJson' | 'wrongShape' | 'echoKey' | 'reset' | 'slow' | 'huge';

export interface UpstreamRequestRecord {
  operation: 'submit' | 'upload' | 'result';
  /** The prediction id a read asked for. */
  predictionId?: string;
  /** The id this upstream gave a new task. */
  createdId?: string;
  idempotencyKey?: string;
}

export interface CheckingUpstream {
  port: number;
  /** Set before each case. */
  fault: UpstreamFault;
  /** What reached upstream during the current case; cleared by `beginCase`. */
  received: UpstreamRequestRecord[];
  /** Contract violations seen during the current case. */
  violations: string[];
  beginCase(fault: UpstreamFault): void;
  close(): Promise<void>;
}

export interface CheckingUpstreamOptions {
  apiKey: string;
  /** Headers and values a caller sent that must never travel upstream. */
  canary: string;
  maxUploadBytes: number;
  maxPromptLength: number;
  /** Delay of a `slow` answer, past the proxy's upstream timeout. */
  slowMs: number;
  /** The same for an upload, past the proxy's upload timeout. */
  slowUploadMs: number;
}

const SUBMIT_FIELDS = ['duration', 'image', 'prompt', 'size'];

/**
 * A stand-in for WaveSpeed that checks every request it receives against the contract (the path
 * from the protocol module, the key, the body by the core schemas, nothing of the caller's) and
 * answers as the current case's fault says.
 */
export async function startCheckingUpstream(options: CheckingUpstreamOptions): Promise<CheckingUpstream> {
  let taskCount = 0;
  const upstream: CheckingUpstream = {
    port: 0,
    fault: 'ok',
    received: [],
    violations: [],
    beginCase(fault) {
      upstream.fault = fault;
      upstream.received = [];
      upstream.violations = [];
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const violation = (message: string) => upstream.violations.push(message);

  async function check(req: IncomingMessage, body: Buffer): Promise<UpstreamRequestRecord | undefined> {
    const url = req.url ?? '';
    if (url.includes('?')) violation(`a query string reached upstream: ${url}`);
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) violation('upstream got no or the wrong key');
    if (req.headers.cookie !== undefined) violation('a cookie reached upstream');
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.includes(options.canary) || String(value).includes(options.canary)) violation(`a caller header reached upstream: ${name}`);
    }
    const path = url.split('?')[0]!;
    if (!path.startsWith(`${WAVESPEED_API_PREFIX}/`)) {
      violation(`a path outside the API reached upstream: ${path}`);
      return undefined;
    }
    const rest = path.slice(WAVESPEED_API_PREFIX.length);
    if (rest === SUBMIT_PATH) {
      if (req.method !== 'POST') violation(`submit by ${req.method}`);
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) violation('submit without a JSON content type');
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[A-Za-z0-9_.:-]{1,128}$/.test(key)) violation('submit without an idempotency key upstream');
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        violation('a submit body that is not JSON reached upstream');
        return undefined;
      }
      const parsed = submitInputSchema.safeParse(json);
      if (!parsed.success) {
        violation(`an invalid submit reached upstream: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
        return undefined;
      }
      const fields = Object.keys(json as object).sort();
      if (fields.join() !== SUBMIT_FIELDS.join()) violation(`submit upstream with fields ${fields.join()}`);
      // What goes upstream is already canonical: the schema's output, not the caller's raw text.
      if (JSON.stringify(parsed.data, SUBMIT_FIELDS) !== JSON.stringify(json, SUBMIT_FIELDS)) violation('a submit reached upstream un-normalized');
      if (parsed.data.prompt.length > options.maxPromptLength) violation('a prompt over the limit reached upstream');
      return { operation: 'submit', createdId: `task-${++taskCount}`, idempotencyKey: key as string };
    }
    if (rest === UPLOAD_PATH) {
      if (req.method !== 'POST') violation(`upload by ${req.method}`);
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        violation('an unreadable multipart form reached upstream');
        return undefined;
      }
      const entries = [...form.entries()];
      const file = form.get('file');
      if (entries.length !== 1 || !(file instanceof File)) {
        violation(`upload upstream with fields ${entries.map(([name]) => name).join()}`);
        return undefined;
      }
      if (file.size === 0 || file.size > options.maxUploadBytes) violation(`an upload of ${file.size} bytes reached upstream`);
      if (!(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(file.type)) violation(`an upload of type ${file.type} reached upstream`);
      const head = new Uint8Array(await file.slice(0, 32).arrayBuffer());
      if (sniffImageType(head) !== file.type) violation(`an upload whose bytes are not its type ${file.type} reached upstream`);
      if (/[/\\\0\r\n"]/.test(file.name)) violation(`an unsafe file name reached upstream: ${JSON.stringify(file.name)}`);
      return { operation: 'upload' };
    }
    const match = RESULT_PATH_PATTERN.exec(rest);
    if (match) {
      if (req.method !== 'GET') violation(`result read by ${req.method}`);
      if (body.length > 0) violation('a result read with a body reached upstream');
      if (!isPredictionId(match[1]!)) violation(`an invalid prediction id reached upstream: ${match[1]}`);
      return { operation: 'result', predictionId: match[1]! };
    }
    violation(`an unknown path reached upstream: ${path}`);
    return undefined;
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    // An upload the proxy abandoned midway never ends; it must not count as received.
    req.on('end', () => {
      void (async () => {
        const record = await check(req, Buffer.concat(chunks));
        if (record) upstream.received.push(record);
        answer(res, record, upstream.fault, options);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.port = (server.address() as AddressInfo).port;
  return upstream;
}

function answer(res: ServerResponse, record: UpstreamRequestRecord | undefined, fault: UpstreamFault, options: CheckingUpstreamOptions): void {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
  const id = record?.createdId ?? record?.predictionId ?? 'task-0';
  const data =
    record?.operation === 'upload'
      ? { download_url: 'https://cdn.example.com/uploads/u.png' }
      : { id, model: WAVESPEED_MODEL, status: record?.operation === 'result' ? 'processing' : 'created', outputs: [], urls: { get: `https://api.example.com/x/${id}` }, created_at: new Date().toISOString() };
  switch (fault) {
    case 'ok':
      return send(200, JSON.stringify({ code: 200, message: 'success', data }));
    case 'status500':
      return send(500, JSON.stringify({ code: 500, message: 'internal error' }));
    case 'status429':
      return send(429, JSON.stringify({ code: 429, message: 'slow down' }), { 'retry-after': '3' });
    case 'notJson':
      return send(200, '<html>gateway</html>', { 'content-type': 'text/html' });
    case 'wrongShape':
      return send(200, JSON.stringify({ code: 200, message: 'success', data: { id: 7, outputs: 'x' } }));
    case 'echoKey':
      // An upstream that leaks the key it was given, in its body and a relayed header.
      return send(401, JSON.stringify({ code: 401, message: `invalid key Bearer ${options.apiKey}` }), { 'x-request-id': options.apiKey });
    case 'reset':
      res.socket?.destroy();
      return;
    case 'slow':
      setTimeout(() => {
        if (!res.destroyed) send(200, JSON.stringify({ code: 200, message: 'success', data }));
      }, record?.operation === 'upload' ? options.slowUploadMs : options.slowMs);
      return;
    case 'huge':
      return send(200, JSON.stringify({ code: 200, message: 'success', data: { ...data, padding: 'x'.repeat(2 * 1024 * 1024) } }));
  }
}
