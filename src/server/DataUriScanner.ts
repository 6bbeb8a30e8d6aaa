import type { LongStringSink } from './FlatJsonObjectParser';

/** What a scanned string turned out to be. */
export type DataUriVerdict =
  /** A base64 image data URI (after trimming), held as `pieces` of its bytes. */
  | { kind: 'data-uri'; pieces: Uint8Array[]; length: number }
  /** Only whitespace: what `trim()` makes empty. */
  | { kind: 'empty' }
  | { kind: 'not-accepted' };

const enum Phase {
  Leading,
  Prefix,
  Payload,
  Padding,
  Trailing,
  Refused,
}

const enum Escape {
  None,
  Backslash,
  Unicode,
}

/** `data:image/<type>;base64,` as the submit rules accept it (see `isAcceptableImage`). */
const PREFIX = /^data:image\/(png|jpe?g|webp|gif|avif|bmp);base64,$/;
const MAX_PREFIX = 'data:image/jpeg;base64,'.length;
const BASE64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;
/** What `String.prototype.trim` removes, within ASCII. */
const isSpace = (unit: number) => unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
const SIMPLE_ESCAPES: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

/**
 * Checks a long JSON string value against the data-URI rule of `isAcceptableImage` as its raw bytes
 * arrive, without ever making it a JS string: optional whitespace, `data:image/<type>;base64,`,
 * base64, up to two `=`, optional whitespace; escapes (`\/`, `\u0041`) are decoded as `JSON.parse`
 * would. The bytes are kept as they came (no copy) unless escapes had to be decoded.
 *
 * One difference from `trim()` on the parsed string, for values too long to be anything but a data
 * URI: any non-ASCII character refuses the value, including Unicode spaces around it (the rule
 * refuses non-ASCII inside it anyway).
 */
export class DataUriScanner implements LongStringSink {
  private phase = Phase.Leading;
  private escape = Escape.None;
  private hex = 0;
  private hexDigits = 0;
  private prefix = '';
  private payload = 0;
  private padding = 0;
  /** Decoded bytes so far, and where the trimmed value starts and ends in them. */
  private readonly decoded: Uint8Array[] = [];
  private offset = 0;
  private start = -1;
  private end = 0;

  constructor(private readonly maxLength: number) {}

  push(raw: Uint8Array): void {
    if (this.phase === Phase.Refused || raw.length === 0) return;
    // In the payload, with no escape pending, a run of plain base64 is the common case: one tight loop.
    let i = 0;
    if (this.escape === Escape.None && this.phase === Phase.Payload) {
      while (i < raw.length && BASE64[raw[i]!] === 1) i++;
      this.payload += i;
      this.end = this.offset + i;
    }
    if (i === raw.length) {
      this.decoded.push(raw);
      this.offset += raw.length;
      return;
    }
    // The rest, unit by unit; escapes decoded into a copy of this piece.
    const plain = raw.indexOf(0x5c, i) < 0 && this.escape === Escape.None;
    const out = plain ? raw : new Uint8Array(raw.length);
    if (!plain) out.set(raw.subarray(0, i));
    let written = i;
    for (; i < raw.length && !this.refused(); i++) {
      const byte = raw[i]!;
      let unit: number;
      if (this.escape === Escape.Backslash) {
        if (byte === 0x75) {
          this.escape = Escape.Unicode;
          this.hex = 0;
          this.hexDigits = 0;
          continue;
        }
        unit = SIMPLE_ESCAPES[byte] ?? -1;
        this.escape = Escape.None;
      } else if (this.escape === Escape.Unicode) {
        this.hex = this.hex * 16 + parseInt(String.fromCharCode(byte), 16);
        if (++this.hexDigits < 4) continue;
        unit = this.hex;
        this.escape = Escape.None;
      } else if (byte === 0x5c) {
        this.escape = Escape.Backslash;
        continue;
      } else {
        unit = byte;
      }
      // Outside ASCII (or a broken escape, which the JSON reader refuses anyway): not a data URI.
      if (!(unit >= 0 && unit < 0x80)) {
        this.phase = Phase.Refused;
        break;
      }
      this.take(unit);
      if (!plain) out[written] = unit;
      written++;
      if (!isSpace(unit)) {
        if (this.start < 0) this.start = this.offset + written - 1;
        this.end = this.offset + written;
      }
    }
    if (this.refused()) {
      this.decoded.length = 0;
      return;
    }
    const piece = plain ? raw : out.subarray(0, written);
    this.decoded.push(piece);
    this.offset += piece.length;
  }

  /** The verdict once the string has ended. */
  finish(): DataUriVerdict {
    if (this.phase === Phase.Leading) return { kind: 'empty' };
    const complete = this.phase === Phase.Payload || this.phase === Phase.Padding || this.phase === Phase.Trailing;
    const length = this.end - this.start;
    if (!complete || this.payload === 0 || length > this.maxLength) return { kind: 'not-accepted' };
    return { kind: 'data-uri', pieces: cut(this.decoded, this.start, this.end), length };
  }

  private refused(): boolean {
    return this.phase === Phase.Refused;
  }

  private take(unit: number): void {
    switch (this.phase) {
      case Phase.Leading:
        if (isSpace(unit)) return;
        this.phase = Phase.Prefix;
        this.takePrefix(unit);
        return;
      case Phase.Prefix:
        this.takePrefix(unit);
        return;
      case Phase.Payload:
        if (BASE64[unit] === 1) this.payload++;
        else if (unit === 0x3d) this.phase = Phase.Padding;
        else if (isSpace(unit)) this.phase = Phase.Trailing;
        else this.phase = Phase.Refused;
        this.padding = this.phase === Phase.Padding ? 1 : 0;
        return;
      case Phase.Padding:
        if (unit === 0x3d && this.padding < 2) this.padding++;
        else if (isSpace(unit)) this.phase = Phase.Trailing;
        else this.phase = Phase.Refused;
        return;
      case Phase.Trailing:
        if (!isSpace(unit)) this.phase = Phase.Refused;
        return;
    }
  }

  private takePrefix(unit: number): void {
    this.prefix += String.fromCharCode(unit);
    if (unit === 0x2c) this.phase = PREFIX.test(this.prefix) ? Phase.Payload : Phase.Refused;
    else if (this.prefix.length >= MAX_PREFIX) this.phase = Phase.Refused;
  }
}

/** The bytes from `start` to `end` of the pieces joined, as pieces (subarrays, no copy). */
function cut(pieces: readonly Uint8Array[], start: number, end: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const from = Math.max(start - offset, 0);
    const to = Math.min(end - offset, piece.length);
    if (to > from) out.push(from === 0 && to === piece.length ? piece : piece.subarray(from, to));
    offset += piece.length;
  }
  return out;
}
