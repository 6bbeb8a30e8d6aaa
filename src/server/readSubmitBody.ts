import { ImageToVideoError } from '../core/ImageToVideoError';
import { parseSubmitInput } from '../core/parseSubmitInput';
import type { SubmitInput } from '../core/submitInputSchema';
import { IMAGE_DATA_URI_MAX_LENGTH } from '../core/submitInputRules';
import { BodyPieces } from './BodyPieces';
import { DataUriScanner } from './DataUriScanner';
import { errorResponse } from './errorResponse';
import { FlatJsonObjectParser, NOT_JSON } from './FlatJsonObjectParser';
import { BodyReadError, BodyTooLargeError } from './readLimitedBody';
import { yieldToLoop } from './yieldToLoop';

export interface SubmitBodyLimits {
  /** Largest body, in bytes; past it, `BodyTooLargeError`. */
  maxBytes: number;
  maxPromptLength: number;
  /** Members the object may have (the submit has four; a few unknown ones are dropped). */
  maxKeys: number;
}

/** A submit that passed every check: what the proxy needs of it, and the exact JSON to send upstream. */
export interface ReadSubmit {
  duration: SubmitInput['duration'];
  /** `JSON.stringify(input)` of the checked input as bytes, with a long image's bytes sent on as they arrived. */
  body: BodyPieces;
}

/** Bytes of the body worked through between two yields to the event loop. */
const SLICE_BYTES = 64 * 1024;
/** String values longer than this (raw) are never decoded; a prompt that long is refused. */
const SHORT_STRING_BYTES = 32 * 1024;
/** Stand-ins for a long image in the small object the submit rules check, one per verdict. */
const STAND_IN = { 'data-uri': 'data:image/png;base64,AAAA', empty: '', 'not-accepted': 'x' } as const;

/**
 * Reads and checks a submit body without blocking the event loop for more than one slice of work:
 * the JSON is read as it arrives by a parser that refuses anything but a flat object at its first
 * bad byte (so a hostile body is never read whole), a long `image` is checked as a data URI byte by
 * byte and never becomes a JS string, and the body sent upstream is built around the caller's own
 * bytes instead of re-serializing them. The rules and answers are those of `parseSubmitInput`:
 * 400 for a body that is not one flat JSON object, 413 for a prompt over the limit, 422 with field
 * errors for the rest. Bodies no client sends are refused where the old whole-body parse would have
 * dug through them: a field name over 256 bytes or a number over 64 characters (400), a prompt over
 * 32 KiB as sent even if mostly spaces (413), an image over 32 KiB with non-ASCII characters, even
 * Unicode spaces around it (422).
 */
export async function readSubmitBody(request: Request, limits: SubmitBodyLimits): Promise<Response | ReadSubmit> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limits.maxBytes) throw new BodyTooLargeError(limits.maxBytes);
  // Every string `image` member gets its own scanner; the last member counts, as with JSON.parse.
  const parser = new FlatJsonObjectParser({ maxKeys: limits.maxKeys, shortStringBytes: SHORT_STRING_BYTES }, (key) =>
    key === 'image' ? new DataUriScanner(IMAGE_DATA_URI_MAX_LENGTH) : undefined,
  );

  let refusal: string | undefined;
  if (request.body) {
    const reader = request.body.getReader();
    let total = 0;
    let sinceYield = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new BodyReadError(error);
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(limits.maxBytes);
      }
      // A runtime may hand over the whole body as one chunk: it is worked through in slices.
      for (let offset = 0; offset < chunk.value.byteLength && !refusal; offset += SLICE_BYTES) {
        const slice = chunk.value.subarray(offset, offset + SLICE_BYTES);
        refusal = parser.push(slice);
        sinceYield += slice.byteLength;
        if (sinceYield >= SLICE_BYTES) {
          sinceYield = 0;
          await yieldToLoop();
        }
      }
      if (refusal) {
        // Refused at its first bad byte: the rest is never read here (the Node adapter drains it).
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  }
  refusal ??= parser.end();
  if (refusal) return errorResponse(400, refusal);

  // The small object the submit rules check: every member as sent, long strings by a stand-in.
  let longImage: { pieces: Uint8Array[] } | undefined;
  let longPrompt = false;
  const tokens: string[] = [];
  for (const member of parser.members) {
    const scanner = member.sink instanceof DataUriScanner ? member.sink : undefined;
    if (member.key === 'image') longImage = undefined;
    if (member.key === 'prompt') longPrompt = member.token === undefined;
    let token = member.token;
    if (token === undefined) {
      let standIn: string = STAND_IN['not-accepted'];
      if (scanner) {
        const verdict = scanner.finish();
        standIn = STAND_IN[verdict.kind];
        if (verdict.kind === 'data-uri') longImage = { pieces: verdict.pieces };
      }
      token = JSON.stringify(standIn);
    }
    tokens.push(`${JSON.stringify(member.key)}:${token}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(`{${tokens.join(',')}}`);
  } catch {
    return errorResponse(400, NOT_JSON);
  }
  const prompt = (json as { prompt?: unknown }).prompt;
  if (longPrompt || (typeof prompt === 'string' && prompt.trim().length > limits.maxPromptLength)) {
    const message = `The prompt can be at most ${limits.maxPromptLength} characters.`;
    return errorResponse(413, message, { fieldErrors: { prompt: [message] } });
  }
  let input: SubmitInput;
  try {
    // The client's own rules: unknown fields are dropped, defaults filled in.
    input = parseSubmitInput(json);
  } catch (error) {
    if (error instanceof ImageToVideoError) return errorResponse(422, error.message, { fieldErrors: error.fieldErrors });
    throw error;
  }
  const encoder = new TextEncoder();
  const text = JSON.stringify(input);
  if (!longImage) return { duration: input.duration, body: new BodyPieces([encoder.encode(text)]) };
  // `image` is the first field of the input, so the JSON starts with the stand-in: swap in the real bytes.
  const head = `{"image":${JSON.stringify(STAND_IN['data-uri'])}`;
  const pieces = [encoder.encode('{"image":"'), ...longImage.pieces, encoder.encode(`"${text.slice(head.length)}`)];
  return { duration: input.duration, body: new BodyPieces(pieces) };
}
