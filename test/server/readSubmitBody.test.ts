import { describe, expect, it } from 'vitest';
import type { ImageToVideoError } from '../../src/core/ImageToVideoError';
import { parseSubmitInput } from '../../src/core/parseSubmitInput';
import { readSubmitBody } from '../../src/server/readSubmitBody';

const LIMITS = { maxBytes: 10 * 1024 * 1024 + 64 * 1024, maxPromptLength: 2000, maxKeys: 16 };
const enc = (text: string) => new TextEncoder().encode(text);
/** Long enough to take the byte-scanning path (string values over 32 KiB as sent). */
const B64 = 'QUJD'.repeat(8500);
const URI = `data:image/png;base64,${B64}`;

interface Answer {
  status: number;
  message?: string;
  fieldErrors?: unknown;
  sent?: string;
}

/** What the proxy answered before the streaming reader: decode, JSON.parse, the prompt cap, the submit rules, JSON.stringify. */
function reference(text: string): Answer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 400 };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { status: 400 };
  if (Object.values(json).some((v) => typeof v === 'object' && v !== null)) return { status: 400 };
  const prompt = (json as { prompt?: unknown }).prompt;
  if (typeof prompt === 'string' && prompt.trim().length > LIMITS.maxPromptLength) return { status: 413 };
  try {
    return { status: 200, sent: JSON.stringify(parseSubmitInput(json)) };
  } catch (error) {
    const e = error as ImageToVideoError;
    return { status: 422, message: e.message, fieldErrors: e.fieldErrors };
  }
}

/** The new reader's answer, fed in pieces of `chunk` bytes (a socket's chunks, or one whole body). */
async function actual(text: string, chunk = 64 * 1024): Promise<Answer> {
  const bytes = enc(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
      controller.close();
    },
  });
  const request = new Request('https://app.test/submit', { method: 'POST', body, duplex: 'half' } as RequestInit);
  const read = await readSubmitBody(request, LIMITS);
  if (read instanceof Response) {
    const answer = (await read.json()) as { message: string; fieldErrors?: unknown };
    if (read.status === 422) return { status: read.status, message: answer.message, fieldErrors: answer.fieldErrors };
    return { status: read.status };
  }
  const sent = new TextDecoder().decode(await (await read.body.toBlob()).arrayBuffer());
  expect(read.body.byteLength).toBe(enc(sent).length);
  return { status: 200, sent };
}

const cases: [string, string][] = [
  ['a long data URI', JSON.stringify({ image: URI, prompt: 'a cat' })],
  ['a long data URI with every field', JSON.stringify({ image: URI, prompt: ' a cat ', size: '720*1280', duration: 10, enable_prompt_optimizer: true })],
  ['a long data URI with padding', JSON.stringify({ image: `${URI}==`, prompt: 'a cat' })],
  ['three padding characters', JSON.stringify({ image: `${URI}===`, prompt: 'a cat' })],
  ['base64 after padding', JSON.stringify({ image: `${URI}=A`, prompt: 'a cat' })],
  ['spaces around it', JSON.stringify({ image: `  ${URI} \n\t`, prompt: 'a cat' })],
  ['a space inside', JSON.stringify({ image: `${URI.slice(0, 30000)} ${URI.slice(30000)}`, prompt: 'a cat' })],
  ['escaped slashes, as PHP writes them', `{"image":${JSON.stringify(`${URI}//+/`).replaceAll('/', '\\/')},"prompt":"a cat"}`],
  ['unicode escapes of ASCII', `{"image":"\\u0064ata:image/png;base64,${B64}\\u0041","prompt":"a cat"}`],
  ['an escaped newline at the end', `{"image":"${URI}\\n","prompt":"a cat"}`],
  ['an escaped quote inside', `{"image":"${URI}\\"A","prompt":"a cat"}`],
  ['a non-ASCII character inside', JSON.stringify({ image: `${URI}é`, prompt: 'a cat' })],
  ['an unsupported type', JSON.stringify({ image: `data:image/tiff;base64,${B64}`, prompt: 'a cat' })],
  ['an upper-case prefix', JSON.stringify({ image: `DATA:image/png;base64,${B64}`, prompt: 'a cat' })],
  ['no payload', JSON.stringify({ image: `data:image/png;base64,${' '.repeat(40000)}`, prompt: 'a cat' })],
  ['only spaces', JSON.stringify({ image: ' '.repeat(40000), prompt: 'a cat' })],
  ['a long URL', JSON.stringify({ image: `https://cdn.example.com/${'a'.repeat(40000)}.png`, prompt: 'a cat' })],
  ['a long image and a bad size', JSON.stringify({ image: URI, prompt: 'a cat', size: '1*1' })],
  ['a bad long image and an empty prompt', JSON.stringify({ image: `x${URI}`, prompt: '' })],
  ['a long image, then a short one (the last counts)', JSON.stringify({ image: URI, prompt: 'a cat' }).replace('}', ',"image":"https://cdn.example.com/a.png"}')],
  ['a short image, then a long one', `{"image":"https://cdn.example.com/a.png","prompt":"a cat","image":"${URI}"}`],
  ['a long image, then a number', `{"image":"${URI}","prompt":"a cat","image":5}`],
  ['an escaped key', `{"im\\u0061ge":"${URI}","prompt":"a cat"}`],
  ['a long unknown field', JSON.stringify({ image: URI, prompt: 'a cat', note: 'n'.repeat(50000) })],
  ['a long size', JSON.stringify({ image: URI, prompt: 'a cat', size: 's'.repeat(50000) })],
  ['a long prompt', JSON.stringify({ image: URI, prompt: 'p'.repeat(50000) })],
  ['a short image URL', JSON.stringify({ image: 'https://cdn.example.com/a.png', prompt: 'a cat' })],
  ['a prompt one over', JSON.stringify({ image: 'https://cdn.example.com/a.png', prompt: 'p'.repeat(2001) })],
  ['unicode in the prompt and keys', JSON.stringify({ image: URI, prompt: '\ufeffchat 🐈 \u2028', ключ: 'значение' })],
  ['whitespace between tokens', ` \n{ "image" :\t"${URI}" ,\r\n"prompt" : "a cat" }\n `],
  ['a __proto__ field', `{"__proto__":{"image":1},"image":"${URI}","prompt":"a cat"}`],
  ['a __proto__ string field', `{"__proto__":"x","image":"${URI}","prompt":"a cat"}`],
  ['a raw control character in a long string', `{"image":"${URI}\u0001","prompt":"a cat"}`],
  ['a bad escape in a long string', `{"image":"${URI}\\x","prompt":"a cat"}`],
  ['a broken unicode escape', `{"image":"${URI}\\u00g0","prompt":"a cat"}`],
  ['an unterminated long string', `{"image":"${URI}`],
  ['a trailing comma', `{"image":"${URI}","prompt":"a cat",}`],
  ['a missing colon', `{"image" "${URI}"}`],
  ['two objects', `{"image":"${URI}","prompt":"a cat"} {}`],
  ['a top-level array', `["${URI}"]`],
  ['an empty body', ''],
  ['an empty object', '{}'],
  ['a bad number', '{"image":"x","prompt":"a","duration":05}'],
  ['a bad literal', '{"image":"x","prompt":"a","enable_prompt_optimizer":ture}'],
  ['a number ending the body', '{"duration":5'],
  ['sixteen fields', JSON.stringify(Object.fromEntries([['image', URI], ['prompt', 'a cat'], ...Array.from({ length: 14 }, (_, i) => [`k${i}`, i])]))],
];

describe('readSubmitBody answers as JSON.parse and the submit rules did', () => {
  it.each(cases)('%s', async (_, text) => {
    const expected = reference(text);
    for (const chunk of [7, 64 * 1024, 1 << 30]) {
      const answer = await actual(text, chunk);
      expect(answer.status, `in chunks of ${chunk}`).toBe(expected.status);
      if (expected.status === 422) expect(answer).toEqual(expected);
      if (expected.status === 200) expect(answer.sent === expected.sent, 'the same JSON goes upstream').toBe(true);
    }
  });
});

describe('readSubmitBody refuses what no submit is, at its first bad byte', () => {
  it.each([
    ['nested arrays', '{"image":[[[[', 'The body nests too deeply.'],
    ['a nested object', '{"image":{"a":1}}', 'The body nests too deeply.'],
    ['seventeen fields', JSON.stringify(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]))), 'The body may have at most 16 fields.'],
    ['a long field name', `{"${'k'.repeat(300)}":1}`, 'A field name in the body is too long.'],
    ['a long number', `{"duration":${'5'.repeat(100)}}`, 'A number in the body is too long.'],
    ['a top-level string', '"x"', 'The body must be one JSON object.'],
  ])('%s', async (_, text, message) => {
    const request = new Request('https://app.test/submit', { method: 'POST', body: text });
    const read = await readSubmitBody(request, LIMITS);
    expect(read).toBeInstanceOf(Response);
    expect((read as Response).status).toBe(400);
    expect(((await (read as Response).json()) as { message: string }).message).toBe(message);
  });

  it('stops reading a hostile body once it is refused', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(enc('['.repeat(64 * 1024)));
      },
    });
    const request = new Request('https://app.test/submit', { method: 'POST', body: body, duplex: 'half' } as RequestInit);
    const read = (await readSubmitBody(request, LIMITS)) as Response;
    expect(read.status).toBe(400);
    expect(pulled).toBeLessThan(3);
  });
});
