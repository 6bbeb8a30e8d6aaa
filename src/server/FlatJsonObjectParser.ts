/** A long string value's content, as the parser hands it on while reading (escapes left as sent). */
export interface LongStringSink {
  /** The next raw bytes of the string's content (between its quotes). */
  push(raw: Uint8Array): void;
}

/** One member of the object, in the order sent. */
export interface FlatJsonMember {
  /** The key, decoded. */
  key: string;
  /** The value's JSON text (a string with its quotes, a number, `true`, `false`, `null`), or undefined for a long string. */
  token: string | undefined;
  /** Raw bytes of a string value's content; counts past `shortStringBytes` mark it long. */
  stringBytes: number;
  /** Where a string value's content went, if `sinkFor` named a sink for its key. */
  sink?: LongStringSink;
}

export interface FlatJsonObjectLimits {
  /** Members of the object. */
  maxKeys: number;
  /** String values up to this many raw bytes are kept as text; longer ones only go to their sink. */
  shortStringBytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Field names a submit has are short; a long one is refused rather than decoded. */
const MAX_KEY_BYTES = 256;
/** Numbers and literals a submit has are short (`5`, `true`). */
const MAX_SCALAR_BYTES = 64;

const enum State {
  BeforeObject,
  ObjectStart,
  Key,
  AfterKey,
  BeforeValue,
  StringValue,
  Scalar,
  AfterValue,
  BeforeKey,
  AfterObject,
}

const enum Escape {
  None,
  Backslash,
  Unicode1,
  Unicode2,
  Unicode3,
  Unicode4,
}

const isWhitespace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isHex = (byte: number) => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
const isScalarByte = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2b || byte === 0x2e || (byte >= 0x61 && byte <= 0x7a) || byte === 0x45;

export const NOT_AN_OBJECT = 'The body must be one JSON object.';
export const NOT_JSON = 'The body is not valid JSON.';
export const NESTED = 'The body nests too deeply.';

/**
 * Reads a JSON body that must be one flat object (values are strings, numbers, booleans or null)
 * as it arrives, byte by byte, and refuses it at its first byte that cannot belong to one: a
 * nested value, one member too many, a key or number no submit has, broken JSON. Short values are
 * kept as JSON text for `JSON.parse`; a long string value is never made into a JS string: its raw
 * bytes go to the sink `sinkFor` returns for its key (or nowhere), and its JSON syntax is checked
 * here. Each `push` does work in proportion to its bytes only, so the caller bounds each block of
 * work by the size of what it pushes.
 */
export class FlatJsonObjectParser {
  readonly members: FlatJsonMember[] = [];
  private state = State.BeforeObject;
  private escape = Escape.None;
  /** Bytes of the key, or of a short string value or scalar, so far. */
  private text: Uint8Array[] = [];
  private textBytes = 0;
  private key = '';
  private sink: LongStringSink | undefined;
  private stringBytes = 0;
  private refusal: string | undefined;

  constructor(
    private readonly limits: FlatJsonObjectLimits,
    private readonly sinkFor: (key: string) => LongStringSink | undefined = () => undefined,
  ) {}

  /** Reads the next bytes; answers why the body is refused, or undefined while it may still be valid. */
  push(bytes: Uint8Array): string | undefined {
    if (this.refusal) return this.refusal;
    let i = 0;
    while (i < bytes.length && !this.refusal) {
      if (this.state === State.Key || this.state === State.StringValue) {
        i = this.readString(bytes, i);
        continue;
      }
      const byte = bytes[i]!;
      switch (this.state) {
        case State.BeforeObject:
          if (byte === 0x7b) this.state = State.ObjectStart;
          else if (!isWhitespace(byte)) this.refusal = NOT_AN_OBJECT;
          break;
        case State.ObjectStart:
        case State.BeforeKey:
          if (byte === QUOTE) this.startString(State.Key);
          else if (byte === 0x7d && this.state === State.ObjectStart) this.state = State.AfterObject;
          else if (!isWhitespace(byte)) this.refusal = NOT_JSON;
          break;
        case State.AfterKey:
          if (byte === 0x3a) this.state = State.BeforeValue;
          else if (!isWhitespace(byte)) this.refusal = NOT_JSON;
          break;
        case State.BeforeValue:
          if (byte === QUOTE) {
            this.startString(State.StringValue);
            this.sink = this.sinkFor(this.key);
          } else if (byte === 0x7b || byte === 0x5b) {
            this.refusal = NESTED;
          } else if (isScalarByte(byte)) {
            this.state = State.Scalar;
            this.text = [];
            this.textBytes = 0;
            continue; // The byte is the scalar's first.
          } else if (!isWhitespace(byte)) {
            this.refusal = NOT_JSON;
          }
          break;
        case State.Scalar: {
          let end = i;
          while (end < bytes.length && isScalarByte(bytes[end]!)) end++;
          this.keep(bytes.subarray(i, end));
          if (this.textBytes > MAX_SCALAR_BYTES) {
            this.refusal = 'A number in the body is too long.';
          } else if (end < bytes.length) {
            this.members.push({ key: this.key, token: this.textOf(), stringBytes: 0 });
            this.state = State.AfterValue;
          }
          i = end;
          continue;
        }
        case State.AfterValue:
          if (byte === 0x2c) {
            if (this.members.length + 1 > this.limits.maxKeys) this.refusal = `The body may have at most ${this.limits.maxKeys} fields.`;
            this.state = State.BeforeKey;
          } else if (byte === 0x7d) {
            this.state = State.AfterObject;
          } else if (!isWhitespace(byte)) {
            this.refusal = NOT_JSON;
          }
          break;
        case State.AfterObject:
          if (!isWhitespace(byte)) this.refusal = NOT_AN_OBJECT;
          break;
      }
      i++;
    }
    return this.refusal;
  }

  /** The body has ended: answers why it is refused, or undefined when it was one whole flat object. */
  end(): string | undefined {
    if (this.refusal) return this.refusal;
    // Anything but a closed object (an empty body, a torn one) is broken JSON.
    if (this.state !== State.AfterObject) this.refusal = NOT_JSON;
    return this.refusal;
  }

  private startString(state: State.Key | State.StringValue): void {
    this.state = state;
    this.escape = Escape.None;
    this.text = [];
    this.textBytes = 0;
    this.stringBytes = 0;
  }

  /** Reads string content from `start`; answers where reading stopped (past the closing quote, or the end of `bytes`). */
  private readString(bytes: Uint8Array, start: number): number {
    let i = start;
    let closed = false;
    while (i < bytes.length) {
      if (this.escape === Escape.None) {
        // The common case, kept tight: plain content up to a quote, a backslash or a control byte.
        let byte = bytes[i]!;
        while (byte !== QUOTE && byte !== BACKSLASH && byte >= 0x20 && ++i < bytes.length) byte = bytes[i]!;
        if (i === bytes.length) break;
        if (byte === QUOTE) {
          closed = true;
          break;
        }
        if (byte < 0x20) {
          this.refusal = NOT_JSON;
          return i;
        }
        this.escape = Escape.Backslash;
      } else {
        const byte = bytes[i]!;
        if (this.escape === Escape.Backslash) {
          if (byte === 0x75) this.escape = Escape.Unicode1;
          else if (byte === QUOTE || byte === BACKSLASH || byte === 0x2f || byte === 0x62 || byte === 0x66 || byte === 0x6e || byte === 0x72 || byte === 0x74) {
            this.escape = Escape.None;
          } else {
            this.refusal = NOT_JSON;
            return i;
          }
        } else if (!isHex(byte)) {
          this.refusal = NOT_JSON;
          return i;
        } else {
          this.escape = this.escape === Escape.Unicode4 ? Escape.None : ((this.escape + 1) as Escape);
        }
      }
      i++;
    }
    const content = bytes.subarray(start, i);
    this.stringBytes += content.length;
    if (this.state === State.Key) {
      this.keep(content);
      if (this.textBytes > MAX_KEY_BYTES) {
        this.refusal = 'A field name in the body is too long.';
        return i;
      }
      if (closed) {
        // Its escapes were checked above, so this parse cannot fail.
        this.key = JSON.parse(`"${this.textOf()}"`) as string;
        this.state = State.AfterKey;
      }
    } else {
      this.sink?.push(content);
      // Short strings are kept whole; a long one only counts its bytes.
      if (this.stringBytes <= this.limits.shortStringBytes) this.keep(content);
      else this.text = [];
      if (closed) {
        const short = this.stringBytes <= this.limits.shortStringBytes;
        this.members.push({ key: this.key, token: short ? `"${this.textOf()}"` : undefined, stringBytes: this.stringBytes, sink: this.sink });
        this.sink = undefined;
        this.state = State.AfterValue;
      }
    }
    return closed ? i + 1 : i;
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    // Copied: a few bytes must not keep a whole 64 KiB chunk of the request alive.
    this.text.push(bytes.slice());
    this.textBytes += bytes.length;
  }

  private textOf(): string {
    // A leading U+FEFF is content here, not a byte-order mark to drop.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    for (const part of this.text) text += decoder.decode(part, { stream: true });
    return text + decoder.decode();
  }
}
