import { describe, expect, it } from 'vitest';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { API_KEY, PNG_BYTES } from './proxyHarness';

const MiB = 1024 * 1024;
const BOUNDARY = 'testBoundaryQx7';
const enc = (text: string) => new TextEncoder().encode(text);
const filePart = (name = 'file', filename = 'cat.png', type = 'image/png') =>
  enc(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
const fieldPart = (name: string, value: string) => enc(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}`);
const CLOSE = enc(`\r\n--${BOUNDARY}--\r\n`);

interface Upstream {
  /** Bytes of the upload body upstream has received so far. */
  received: () => number;
  /** Completed upload bodies, as text (latin1). */
  completed: string[];
  /** Upload bodies that broke off. */
  abandoned: number;
  fetch: typeof fetch;
}

function upstream(): Upstream {
  let received = 0;
  const state: Upstream = {
    received: () => received,
    completed: [],
    abandoned: 0,
    fetch: async (_url, init) => {
      const reader = (init!.body as ReadableStream<Uint8Array>).getReader();
      const chunks: Uint8Array[] = [];
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.length;
          // Keep only the parts a test looks at, not 20 MiB.
          if (chunks.length < 4) chunks.push(value);
        }
      } catch (error) {
        state.abandoned++;
        throw error;
      }
      state.completed.push(chunks.map((c) => Buffer.from(c).toString('latin1')).join(''));
      return Response.json({ code: 200, message: 'success', data: { download_url: 'https://cdn.example.com/u.png' } });
    },
  };
  return state;
}

/** A request whose body the test feeds piece by piece. */
function streamedRequest(): { request: Request; push: (bytes: Uint8Array) => void; end: () => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const request = new Request('https://app.test/api/wavespeed/media/upload/binary', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, push: (bytes) => controller.enqueue(bytes), end: () => controller.close() };
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  return check();
};

describe('uploads stream through the proxy', () => {
  it('forwards the file while the caller is still sending it, not after buffering it whole', async () => {
    const up = upstream();
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'https://upstream.test', fetch: up.fetch });
    const { request, push, end } = streamedRequest();
    const answer = handler(request);
    push(filePart());
    push(PNG_BYTES);
    for (let i = 0; i < 4; i++) push(new Uint8Array(MiB).fill(0x42));
    // Half the file sent and not ended: upstream already has most of what was sent.
    expect(await waitFor(() => up.received() > 3 * MiB)).toBe(true);
    for (let i = 0; i < 4; i++) push(new Uint8Array(MiB).fill(0x42));
    push(CLOSE);
    end();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(up.received()).toBeGreaterThan(8 * MiB);
    // A fresh form with only the file, under its safe name and the sniffed type.
    expect(up.completed[0]).toMatch(/^------proxy\w+\r\nContent-Disposition: form-data; name="file"; filename="cat.png"\r\nContent-Type: image\/png\r\n\r\n\x89PNG/);
  });

  it('keeps other fields here and cleans the file name', async () => {
    const up = upstream();
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'https://upstream.test', fetch: up.fetch });
    const { request, push, end } = streamedRequest();
    const answer = handler(request);
    push(fieldPart('note', 'secret'));
    push(enc('\r\n'));
    push(filePart('file', '../../etc/pass wd.png'));
    push(PNG_BYTES);
    push(enc(`\r\n`));
    push(fieldPart('after', 'x'));
    push(CLOSE);
    end();
    expect((await answer).status).toBe(200);
    expect(up.completed[0]).toContain('filename="etc_pass_wd.png"');
    expect(up.completed.join('')).not.toMatch(/secret|note|after/);
  });

  it.each([
    ['a second file after the first', [filePart(), PNG_BYTES, enc('\r\n'), filePart(), PNG_BYTES, CLOSE], 400],
    ['a file past the size cap', [filePart(), PNG_BYTES, new Uint8Array(2 * MiB), CLOSE], 413],
    ['a form that breaks off inside the file', [filePart(), PNG_BYTES, new Uint8Array(MiB)], 400],
  ])('%s is refused and upstream never receives a complete request', async (_, pieces, status) => {
    const up = upstream();
    const handler = createImageToVideoHandler({
      apiKey: API_KEY,
      baseUrl: 'https://upstream.test',
      fetch: up.fetch,
      limits: { maxUploadBytes: MiB },
    });
    const { request, push, end } = streamedRequest();
    const answer = handler(request);
    for (const piece of pieces) push(piece);
    end();
    const response = await answer;
    expect(response.status).toBe(status);
    expect(((await response.json()) as { code: number }).code).toBe(status);
    expect(up.completed).toEqual([]);
  });

  it.each([
    ['no file', [fieldPart('other', 'x'), CLOSE], 400],
    ['a file whose bytes are not its declared type', [filePart('file', 'a.png', 'image/png'), enc('GIF89a....'), CLOSE], 415],
    ['a field named file that is not a file', [fieldPart('file', 'x'), CLOSE], 400],
    ['no closing delimiter at all', [enc('garbage with no boundary')], 400],
  ])('%s is refused before anything goes upstream', async (_, pieces, status) => {
    const up = upstream();
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'https://upstream.test', fetch: up.fetch });
    const { request, push, end } = streamedRequest();
    const answer = handler(request);
    for (const piece of pieces) push(piece);
    end();
    expect((await answer).status).toBe(status);
    expect(up.received()).toBe(0);
  });
});
