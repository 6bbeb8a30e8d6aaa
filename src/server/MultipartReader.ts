/** A part's headers, as far as the upload route needs them. */
export interface MultipartPartHead {
  name: string | undefined;
  /** Present when the part is a file (`filename=` in its Content-Disposition), even if empty. */
  filename: string | undefined;
  type: string;
}

/** Thrown for a body that is not a well-formed multipart form; the proxy answers 400. */
export class MultipartFormatError extends Error {
  override readonly name = 'MultipartFormatError';
}

/** Thrown once more than the allowed bytes were read; the proxy answers 413. */
export class MultipartTooLargeError extends Error {
  override readonly name = 'MultipartTooLargeError';
}

const CRLF = new Uint8Array([0x0d, 0x0a]);
const HEADER_END = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);
/** Part headers longer than this are not a form a browser sends. */
const MAX_HEADER_BYTES = 8 * 1024;

/**
 * Reads a `multipart/form-data` body part by part as it arrives, holding at most one chunk and a
 * delimiter's length of it, so a 20 MiB file passes through without ever being whole in memory.
 * Runtime-neutral (web streams and `Uint8Array` only).
 */
export class MultipartReader {
  private buffer: Uint8Array;
  private done = false;
  private total = 0;
  private readonly delimiter: Uint8Array;
  private ended = false;
  /** Whether the reader is inside a part's body (or the preamble) rather than just past a delimiter. */
  private inBody = true;

  /**
   * @param maxBytes the most body bytes read in all; past it, `MultipartTooLargeError`.
   */
  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    boundary: string,
    private readonly maxBytes: number,
  ) {
    this.delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
    // The first delimiter has no CRLF before it; starting with one lets one search find them all.
    this.buffer = CRLF;
  }

  /** The next part's headers, or undefined after the closing delimiter. Skips what is left of the current part. */
  async nextPart(): Promise<MultipartPartHead | undefined> {
    if (this.ended) return undefined;
    // The preamble, or the rest of the current part.
    while (this.inBody && (await this.readPartChunk())) {
      // discarded
    }
    await this.need(2);
    if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) {
      this.ended = true;
      return undefined;
    }
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    let headerEnd = -1;
    for (;;) {
      headerEnd = indexOf(this.buffer, HEADER_END, 0);
      if (headerEnd >= 0) break;
      if (this.buffer.length > MAX_HEADER_BYTES) throw new MultipartFormatError('A part has oversized headers.');
      if (!(await this.fill())) throw new MultipartFormatError('The form ends inside a part’s headers.');
    }
    const text = new TextDecoder().decode(this.buffer.subarray(0, headerEnd));
    this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
    const lines = text.split('\r\n');
    if (lines.shift()?.trim() !== '') throw new MultipartFormatError('A delimiter is followed by something else.');
    this.inBody = true;
    return parseHead(lines);
  }

  /**
   * The next bytes of the current part's body, or undefined at its end. Each call reads at most
   * one more chunk of the request.
   */
  async readPartChunk(): Promise<Uint8Array | undefined> {
    if (!this.inBody) return undefined;
    for (;;) {
      if (this.buffer.length === 0 && this.done) throw new MultipartFormatError('The form ends before its closing delimiter.');
      const at = indexOf(this.buffer, this.delimiter, 0);
      if (at >= 0) {
        if (at === 0) {
          this.buffer = this.buffer.subarray(this.delimiter.length);
          this.inBody = false;
          return undefined;
        }
        const chunk = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at);
        return chunk;
      }
      // Everything but a possible start of the delimiter is part body.
      const safe = this.buffer.length - (this.delimiter.length - 1);
      if (safe > 0) {
        const chunk = this.buffer.subarray(0, safe);
        this.buffer = this.buffer.subarray(safe);
        return chunk;
      }
      if (!(await this.fill())) throw new MultipartFormatError('The form ends before its closing delimiter.');
    }
  }

  /** Reads until `bytes` are buffered; a body that ends first is malformed. */
  private async need(bytes: number): Promise<void> {
    while (this.buffer.length < bytes) {
      if (!(await this.fill())) throw new MultipartFormatError('The form ends before its closing delimiter.');
    }
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.done = true;
      return false;
    }
    this.total += value.byteLength;
    if (this.total > this.maxBytes) throw new MultipartTooLargeError('The form is too large.');
    if (this.buffer.length === 0) {
      this.buffer = value;
    } else {
      const joined = new Uint8Array(this.buffer.length + value.length);
      joined.set(this.buffer);
      joined.set(value, this.buffer.length);
      this.buffer = joined;
    }
    return true;
  }
}

function parseHead(lines: string[]): MultipartPartHead {
  let name: string | undefined;
  let filename: string | undefined;
  let type = 'text/plain';
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new MultipartFormatError('A part header has no name.');
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') {
      name = param(value, 'name');
      filename = param(value, 'filename');
    } else if (header === 'content-type') {
      type = value.split(';')[0]!.trim().toLowerCase();
    }
  }
  return { name, filename, type };
}

/** A `key=value` or `key="value"` parameter of a header value (`name` never matches `filename`). */
function param(value: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(value);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** The first index of `needle` in `haystack` from `from`, or -1; the native `indexOf` finds candidates. */
function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
