/** What `scanJsonShape` allows: how deep values may nest, and how many members the top object may have. */
export interface JsonShapeLimits {
  /** Containers allowed inside the top-level object; 0 keeps it flat. */
  maxDepth: number;
  /** Members of the top-level object. */
  maxKeys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * Refuses a JSON body whose shape cannot be the one expected, before `JSON.parse` spends time on
 * it: the top level must be an object, nested no deeper than `maxDepth`, with at most `maxKeys`
 * members. Strings are skipped with the native `indexOf`, so a long data-URI costs next to nothing,
 * and a hostile body (megabytes of `[`, or of keys) is refused at its first excess byte.
 * Answers undefined when the shape is acceptable (the JSON itself may still be invalid), else why not.
 */
export function scanJsonShape(bytes: Uint8Array, limits: JsonShapeLimits): string | undefined {
  let depth = 0;
  let commas = 0;
  let sawTop = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      if (depth === 0) return 'The body must be one JSON object.';
      i = endOfString(bytes, i);
      if (i < 0) return undefined; // Unterminated: JSON.parse reports it, cheaply.
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth === 0) {
        if (sawTop || byte !== OPEN_OBJECT) return 'The body must be one JSON object.';
        sawTop = true;
      }
      depth++;
      if (depth > limits.maxDepth + 1) return 'The body nests too deeply.';
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
      if (depth < 0) return 'The body is not valid JSON.';
    } else if (byte === COMMA && depth === 1) {
      commas++;
      if (commas + 1 > limits.maxKeys) return `The body may have at most ${limits.maxKeys} fields.`;
    } else if (depth === 0 && byte > 0x20) {
      return 'The body must be one JSON object.';
    }
  }
  return undefined;
}

/** The index of the quote closing the string opened at `start`, or -1. */
function endOfString(bytes: Uint8Array, start: number): number {
  let i = start;
  for (;;) {
    i = bytes.indexOf(QUOTE, i + 1);
    if (i < 0) return -1;
    // The quote is escaped when an odd number of backslashes precede it.
    let slashes = 0;
    while (bytes[i - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return i;
  }
}
