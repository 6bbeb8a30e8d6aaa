import { resultPath, SUBMIT_PATH, UPLOAD_PATH } from '../../src/core/protocol';
import { submitInputSchema } from '../../src/core/submitInputSchema';
import type { Random } from './createRandom';
import type { UpstreamFault } from './startCheckingUpstream';

export const CATEGORIES = ['mutated bodies', 'path tricks', 'odd methods and headers', 'broken multipart', 'idempotency abuse', 'upstream faults'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface FuzzCase {
  category: Category;
  /** What was tried, for the failure report. */
  what: string;
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** How the body is framed: with a length (default), chunked, or not declared at all. */
  framing: 'length' | 'chunked' | 'none';
  /** The identity header sent (configuration with `authorize`); undefined sends none. */
  user?: string;
  fault: UpstreamFault;
  /** Send the same request this many times at once (idempotency races). */
  copies: number;
  /** Set on keyed submits: the key and the canonical body, to check replays. */
  idempotency?: { key: string; fingerprint: string };
  /** The HTTP framing itself is broken: Node's parser may answer a bare 400 before or instead of the proxy. */
  brokenFraming?: boolean;
  /** The request is valid in every respect: with a healthy upstream it must be forwarded. */
  valid: boolean;
}

export interface CaseContext {
  basePath: string;
  /** A string no header or body the proxy forwards may carry. */
  canary: string;
  /** Identities the `authorize` configuration knows, plus ones it refuses. */
  users: readonly string[];
  /** Task ids handed out so far, to read (and to read as someone else). */
  knownIds: string[];
  /** Keys used so far with the body they came with. */
  usedKeys: Array<{ user: string | undefined; key: string; body: string }>;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const GIF = Buffer.from('474946383961010001000000002c', 'hex');
const IMAGES: ReadonlyArray<readonly [string, Buffer]> = [['image/png', PNG], ['image/jpeg', JPEG], ['image/gif', GIF]];

const GOOD_URLS = ['https://example.com/cat.png', 'http://img.example.org/a/b.jpg?x=1', 'https://cdn.example.com/%E2%9C%93.webp'];
const BAD_URLS = [
  'https:x.example/a.png', 'https:///a.png', 'https://exa\tmple.com/a.png', 'https://example.com/a\n.png', 'ftp://example.com/a.png',
  'javascript:alert(1)', 'file:///etc/passwd', '//example.com/a.png', 'data:text/html;base64,PGgxPg==', 'data:image/png;base64,@@@',
  'http://[::1', 'https://' + 'a'.repeat(3000) + '.com', ' ', '', 'https://user:pass@example.com/a.png', 'data:image/svg+xml;base64,PHN2Zz4=',
];
const PROMPTS = ['A cat walks slowly', '  padded prompt  ', 'Ünïcödé ✓ 漢字 🎬', 'line\nbreak', '"quotes" and \\ backslashes'];

function validSubmit(random: Random): Record<string, unknown> {
  const body: Record<string, unknown> = {
    image: random.chance(0.8) ? random.pick(GOOD_URLS) : `data:image/png;base64,${PNG.toString('base64')}`,
    prompt: random.pick(PROMPTS),
  };
  if (random.chance(0.6)) body.size = random.pick(['1280*720', '720*1280']);
  if (random.chance(0.6)) body.duration = random.pick([5, 10]);
  return body;
}

const HOSTILE_VALUES: readonly unknown[] = [
  null, true, 0, -1, 1e308, 5.0000001, '5', '', ' ', [], {}, [1, 2], { a: { b: 1 } }, 'x'.repeat(2001), 'x'.repeat(70_000),
  '\u0000', '\ud800', '1280*720 ', '1280x720', 'NaN', '__proto__',
];

/** One submit body, broken in one of many ways (or left valid). */
function mutatedSubmit(random: Random): { text: string; valid: boolean; what: string } {
  const body = validSubmit(random);
  const field = random.pick(['image', 'prompt', 'size', 'duration', '__proto__', 'constructor', 'extra']);
  switch (random.int(0, 11)) {
    case 0:
      return { text: JSON.stringify(body), valid: true, what: 'valid submit' };
    case 1: {
      const value = random.pick(HOSTILE_VALUES);
      body[field] = value;
      // Unknown fields are dropped, but only flat ones: nesting is refused before parsing.
      const flat = typeof value !== 'object' || value === null;
      const valid = (!['image', 'prompt', 'size', 'duration'].includes(field) && flat) || (field === 'prompt' && typeof value === 'string' && value.trim().length > 0 && value.trim().length <= 2000);
      return { text: JSON.stringify(body), valid: valid && field !== '__proto__', what: `${field} = ${JSON.stringify(value)?.slice(0, 40)}` };
    }
    case 2:
      body.image = random.pick(BAD_URLS);
      return { text: JSON.stringify(body), valid: false, what: `image ${JSON.stringify(body.image).slice(0, 60)}` };
    case 3: {
      const text = JSON.stringify(body);
      const cut = random.int(0, text.length - 1);
      return { text: text.slice(0, cut), valid: cut === text.length, what: `truncated at ${cut}` };
    }
    case 4: {
      const text = Buffer.from(JSON.stringify(body));
      for (let flips = random.int(1, 4); flips > 0; flips--) text[random.int(0, text.length - 1)] = random.int(0, 255);
      return { text: text.toString('latin1'), valid: false, what: 'flipped bytes' };
    }
    case 5: {
      const depth = random.pick([2, 64, 5000, 200_000]);
      return { text: '['.repeat(depth) + ']'.repeat(depth), valid: false, what: `nested arrays ${depth}` };
    }
    case 6: {
      const count = random.pick([20, 5000, 100_000]);
      const keys = Array.from({ length: count }, (_, i) => `"k${i}":1`).join(',');
      return { text: `{${keys}}`, valid: false, what: `${count} keys` };
    }
    case 7:
      return { text: random.pick(['', 'null', '[]', '"x"', '1', '{}', '{"image":1}', '\ufeff{}', 'true']), valid: false, what: 'not an object' };
    case 8: {
      // Duplicate keys: the last one wins in JSON.parse; either way what goes up must be valid.
      const value = random.pick(HOSTILE_VALUES);
      const text = JSON.stringify(body).replace(/^\{/, `{"prompt":${JSON.stringify(value)},`);
      // Nesting is refused before parsing, even in a field the parse would overwrite.
      return { text, valid: typeof value !== 'object' || value === null, what: 'duplicate prompt key' };
    }
    case 9: {
      const size = random.chance(0.1) ? random.int(10 * 1024 * 1024, 11 * 1024 * 1024) : random.int(2001, 100_000);
      body.prompt = 'p'.repeat(size);
      return { text: JSON.stringify(body), valid: false, what: `prompt of ${size}` };
    }
    case 10: {
      body.image = `data:image/png;base64,${'A'.repeat(random.pick([4, 1000, 200_000]))}${random.pick(['', '=', '==', '===', '*'])}`;
      return { text: JSON.stringify(body), valid: !String(body.image).endsWith('===') && !String(body.image).endsWith('*'), what: 'data URI image' };
    }
    default:
      return { text: `${JSON.stringify(body)}${random.pick([' ', '\n', 'x', ',{}', '\u0000'])}`, valid: false, what: 'trailing bytes' };
  }
}

function multipart(boundary: string, parts: Array<{ name: string; filename?: string; type?: string; data: Buffer }>, closing = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(part.data, Buffer.from('\r\n'));
  }
  if (closing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function uploadCase(random: Random, kind = random.int(0, 9)): { body: Buffer; contentType: string; valid: boolean; what: string } {
  const boundary = random.pick(['----fuzz0123', 'x', 'a'.repeat(70), 'with space']);
  const [type, head] = random.pick(IMAGES);
  const fileData = () => Buffer.concat([head, Buffer.alloc(random.pick([0, 10, 5000, 300_000]), random.int(0, 255))]);
  const contentType = `multipart/form-data; boundary=${boundary.includes(' ') ? `"${boundary}"` : boundary}`;
  const file = { name: 'file', filename: 'photo.png', type, data: fileData() };
  switch (kind) {
    case 0:
      return { body: multipart(boundary, [file]), contentType, valid: true, what: 'valid upload' };
    case 1:
      return { body: multipart(boundary, [{ ...file, type: random.pick(['image/svg+xml', 'text/html', 'image/tiff', '']) }]), contentType, valid: false, what: 'disallowed type' };
    case 2:
      return { body: multipart(boundary, [{ ...file, data: Buffer.from('<svg onload=alert(1)>') }]), contentType, valid: false, what: 'bytes not an image' };
    case 3:
      return { body: multipart(boundary, [file, { ...file }]), contentType, valid: false, what: 'two files' };
    case 4: {
      const whole = multipart(boundary, [file]);
      return { body: whole.subarray(0, random.int(0, whole.length - 1)), contentType, valid: false, what: 'truncated form' };
    }
    case 5:
      return { body: multipart(boundary, [file]), contentType: random.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/mixed; boundary=x', 'multipart/form-data; boundary=other']), valid: false, what: 'bad boundary' };
    case 6:
      return { body: multipart(boundary, [{ ...file, name: random.pick(['image', 'File', '']) }]), contentType, valid: false, what: 'wrong field' };
    case 7:
      return { body: multipart(boundary, [{ ...file, filename: random.pick(['../../etc/passwd', 'a\\b.png', 'a"b.png', '']) }]), contentType, valid: false, what: 'odd file name' };
    case 8: {
      const big = random.chance(0.15) ? Buffer.concat([head, Buffer.alloc(21 * 1024 * 1024)]) : Buffer.concat([head, Buffer.alloc(1024 * 1024)]);
      return { body: multipart(boundary, [{ ...file, data: big }]), contentType, valid: big.length <= 20 * 1024 * 1024, what: `file of ${big.length}` };
    }
    default:
      return { body: multipart(boundary, [{ name: 'note', data: Buffer.from('hi') }, file, { name: 'x', data: Buffer.from('y') }]), contentType, valid: true, what: 'extra fields around the file' };
  }
}

/** Generates case number `index` of a run; `random` is that case's own generator. */
export function generateCase(random: Random, context: CaseContext, category: Category): FuzzCase {
  const base = context.basePath;
  const user = random.pick(context.users);
  const fault: UpstreamFault = category === 'upstream faults'
    ? random.pick(['ok', 'status500', 'status429', 'notJson', 'wrongShape', 'echoKey', 'reset', 'huge', random.chance(0.1) ? 'slow' : 'ok'])
    : 'ok';
  const common: Array<[string, string]> = [
    ['x-fuzz-canary', context.canary],
    ['cookie', `session=${context.canary}`],
  ];
  const json = (method: string, target: string, text: string, valid: boolean, what: string, extra: Array<[string, string]> = []): FuzzCase => ({
    category, what, method, target, headers: [['content-type', 'application/json'], ...common, ...extra], body: Buffer.from(text, 'utf8'), framing: 'length', user, fault, copies: 1, valid,
  });
  const read = (id: string, what: string): FuzzCase => ({ category, what, method: 'GET', target: `${base}${resultPath(id)}`, headers: common, body: Buffer.alloc(0), framing: 'none', user, fault, copies: 1, valid: true });

  switch (category) {
    case 'mutated bodies': {
      const { text, valid, what } = mutatedSubmit(random);
      const framing = random.pick(['length', 'length', 'length', 'chunked'] as const);
      return { ...json('POST', `${base}${SUBMIT_PATH}`, text, valid, what), framing };
    }
    case 'path tricks': {
      const id = context.knownIds.length > 0 && random.chance(0.5) ? random.pick(context.knownIds) : 'abc123';
      const target = random.pick([
        `${base}${resultPath(id)}`, `${base}/predictions/../media/upload/binary`, `${base}/predictions/%2e%2e/result`, `${base}//predictions/${id}/result`,
        `${base}/predictions/${id}/result?webhook=http://evil.example`, `${base}/predictions/${id}%2Fresult`, `${base}/predictions/${'a'.repeat(129)}/result`,
        `${base}/predictions/${id}/result/`, `${base}/PREDICTIONS/${id}/result`, `${base}\\predictions\\${id}\\result`, `${base}/predictions/a.b/result`,
        `${base}/api/v3${SUBMIT_PATH}`, `${base}`, `${base}/`, '/', '*', `http://evil.example${base}/predictions/${id}/result`, `${base}/predictions/${id}/result#x`,
        `${base}/predictions/./${id}/result`, `${base}/predictions/${id}/result;x=1`, `${base}/predictions/%00/result`, `${base}${SUBMIT_PATH}/..`, `/api/wavespeedX${SUBMIT_PATH}`,
        `${base}/predictions/${encodeURIComponent('ü')}/result`, `${base}/predictions/${id}/result?${'q'.repeat(8000)}`,
      ]);
      return { ...read(id, `path ${target.slice(0, 80)}`), target, valid: target === `${base}${resultPath(id)}` || target === `${base}/predictions/${id}/result?webhook=http://evil.example` };
    }
    case 'odd methods and headers': {
      const method = random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND', 'FOO', 'M-SEARCH']);
      const target = random.pick([`${base}${SUBMIT_PATH}`, `${base}${UPLOAD_PATH}`, `${base}${resultPath('abc')}`, `${base}/nope`]);
      const extra: Array<[string, string]> = random.pick([
        [['host', 'u:p@example.com']], [['host', '']], [['host', 'a b']], [['sec-fetch-site', 'cross-site']], [['sec-fetch-site', 'same-origin']],
        [['content-type', 'application/json; charset=utf-16']], [['content-type', 'APPLICATION/JSON']], [['content-type', 'text/plain']],
        [['expect', '100-continue']], [['x-forwarded-for', '1.2.3.4, evil']], [['authorization', `Bearer ${context.canary}`]],
        [['x-long', 'v'.repeat(8000)]], [['origin', 'https://evil.example']], [['accept-encoding', 'gzip, br']], [['idempotency-key', 'a'.repeat(200)]],
        [['idempotency-key', 'ok key with spaces']], [['content-length', '99999999999999999999']], [['transfer-encoding', 'gzip, chunked']],
      ] as Array<Array<[string, string]>>);
      const { text, valid } = mutatedSubmit(random);
      const framing = method === 'GET' || method === 'HEAD' ? 'none' : 'length';
      const forwardable =
        valid && method === 'POST' && target === `${base}${SUBMIT_PATH}` && ['sec-fetch-site', 'x-forwarded-for', 'authorization', 'origin', 'accept-encoding', 'expect'].includes(extra[0]![0]) && extra[0]![1] !== 'cross-site';
      const brokenFraming = extra[0]![0] === 'transfer-encoding' || extra[0]![0] === 'content-length';
      return { ...json(method, target, text, forwardable, `${method} ${extra[0]![0]}: ${extra[0]![1].slice(0, 30)}`), headers: [['content-type', 'application/json'], ...common, ...extra], framing, brokenFraming };
    }
    case 'broken multipart': {
      const { body, contentType, valid, what } = uploadCase(random);
      return { category, what, method: 'POST', target: `${base}${UPLOAD_PATH}`, headers: [['content-type', contentType], ...common], body, framing: random.chance(0.2) ? 'chunked' : 'length', user, fault, copies: 1, valid };
    }
    case 'idempotency abuse': {
      const previous = context.usedKeys.length > 0 && random.chance(0.7) ? random.pick(context.usedKeys) : undefined;
      const key = previous?.key ?? `k-${random.int(0, 1e9).toString(36)}`;
      const sameBody = previous && random.chance(0.6);
      const text = sameBody ? previous.body : JSON.stringify(validSubmit(random));
      const caseUser = previous && random.chance(0.7) ? previous.user : user;
      const copies = random.chance(0.2) ? random.int(2, 5) : 1;
      const what = `${previous ? (sameBody ? 'replayed' : 'reused for another body') : 'new'} key ${key}${caseUser !== previous?.user ? ' by another client' : ''} x${copies}`;
      // The proxy compares requests as the schema reads them: `size` left out and `size` set to its
      // default are the same request.
      const fingerprint = JSON.stringify(submitInputSchema.parse(JSON.parse(text)));
      return { ...json('POST', `${base}${SUBMIT_PATH}`, text, !previous, what, [['idempotency-key', key]]), user: caseUser, copies, idempotency: { key, fingerprint } };
    }
    case 'upstream faults': {
      const kind = random.int(0, 2);
      if (kind === 0) return json('POST', `${base}${SUBMIT_PATH}`, JSON.stringify(validSubmit(random)), true, `submit, upstream ${fault}`);
      if (kind === 1) {
        const { body, contentType } = uploadCase(random, 0);
        return { category, what: `upload, upstream ${fault}`, method: 'POST', target: `${base}${UPLOAD_PATH}`, headers: [['content-type', contentType], ...common], body, framing: 'length', user, fault, copies: 1, valid: true };
      }
      const id = context.knownIds.length > 0 ? random.pick(context.knownIds) : 'task-1';
      return read(id, `read ${id}, upstream ${fault}`);
    }
  }
}

/** The bytes of one request as it goes on the wire. */
export function serializeCase(fuzzCase: FuzzCase, identityHeader: string | undefined): Buffer {
  const headers = [...fuzzCase.headers];
  if (!headers.some(([name]) => name === 'host')) headers.unshift(['host', '127.0.0.1']);
  if (identityHeader && fuzzCase.user !== undefined) headers.push([identityHeader, fuzzCase.user]);
  headers.push(['connection', 'close']);
  let body = fuzzCase.body;
  if (fuzzCase.framing === 'length' && !headers.some(([name]) => name === 'content-length' || name === 'transfer-encoding')) {
    headers.push(['content-length', String(body.length)]);
  } else if (fuzzCase.framing === 'chunked' && !headers.some(([name]) => name === 'transfer-encoding')) {
    headers.push(['transfer-encoding', 'chunked']);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < body.length; offset += 65_536) {
      const piece = body.subarray(offset, offset + 65_536);
      pieces.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
    }
    pieces.push(Buffer.from('0\r\n\r\n'));
    body = Buffer.concat(pieces);
  }
  const head = `${fuzzCase.method} ${fuzzCase.target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), fuzzCase.framing === 'none' ? Buffer.alloc(0) : body]);
}
