import { connect } from 'node:net';

/** What came back on one raw connection. `status` is absent when no complete answer arrived. */
export interface RawAnswer {
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Every byte received, for the key check. */
  raw: Buffer;
  /** How the exchange ended when there was no complete answer (reset, timeout, closed). */
  failure?: string;
}

/**
 * Writes `request` (head and body) on a fresh loopback connection, reading all the while, and
 * returns the first complete HTTP answer. The body is written in chunks, as a client still
 * sending would, so an early answer meets a writer that has not finished.
 */
export function rawExchange(port: number, request: Buffer, timeoutMs: number, headOnly = false): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const parsed = parseAnswer(raw, true, headOnly);
      resolve(parsed ? { ...parsed, raw } : { headers: {}, body: Buffer.alloc(0), raw, failure: failure ?? 'closed without a complete answer' });
    };
    const timer = setTimeout(() => finish('no answer in time'), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const parsed = parseAnswer(Buffer.concat(chunks), false, headOnly);
      if (parsed) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.on('connect', async () => {
      const step = 256 * 1024;
      for (let offset = 0; offset < request.length && !settled && !socket.destroyed; offset += step) {
        if (!socket.write(request.subarray(offset, offset + step))) {
          await new Promise<void>((done) => {
            const resume = () => {
              socket.off('drain', resume);
              socket.off('close', resume);
              done();
            };
            socket.on('drain', resume);
            socket.on('close', resume);
          });
        }
      }
    });
  });
}

/** Parses one answer from `raw`; undefined until it is complete (or, at `ended`, if it never was). */
function parseAnswer(raw: Buffer, ended: boolean, headOnly: boolean): Omit<RawAnswer, 'raw'> | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const lines = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!match) return undefined;
  const status = Number(match[1]);
  // Interim answers (100 Continue) come before the real one.
  if (status >= 100 && status < 200) return parseAnswer(raw.subarray(headEnd + 4), ended, headOnly);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(headEnd + 4);
  // The answer to a HEAD has a length but no body.
  if (headOnly) return { status, headers, body: Buffer.alloc(0) };
  const length = headers['content-length'];
  if (length !== undefined) {
    const size = Number(length);
    if (rest.length < size) return undefined;
    return { status, headers, body: rest.subarray(0, size) };
  }
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const body = dechunk(rest);
    return body ? { status, headers, body } : undefined;
  }
  if (status === 204 || status === 304) return { status, headers, body: Buffer.alloc(0) };
  return ended ? { status, headers, body: rest } : undefined;
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
