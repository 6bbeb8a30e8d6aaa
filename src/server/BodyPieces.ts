import { yieldToLoop } from './yieldToLoop';

/** Bytes copied into a `Blob` between two yields to the event loop. */
const BATCH_BYTES = 512 * 1024;

/**
 * A request body held as the pieces it arrived in, sent on without joining them: a 10 MiB data-URI
 * submit is forwarded from the very buffers its caller sent, never copied or re-serialized whole.
 */
export class BodyPieces {
  readonly byteLength: number;

  constructor(readonly pieces: readonly Uint8Array[]) {
    this.byteLength = pieces.reduce((total, piece) => total + piece.byteLength, 0);
  }

  /**
   * The body as a `Blob`, for a `fetch` (Node's own client sends the pieces as they are). The
   * bytes are copied into it a batch at a time with yields between, as one copy of 10 MiB would
   * block the process; a Blob made of Blobs refers to them without copying again.
   */
  async toBlob(): Promise<Blob> {
    // The Blob class of the runtime's own `fetch`: a test DOM (jsdom, say) replaces the global
    // `Blob` with one `fetch` cannot send, and would forward "[object Blob]" upstream.
    const FetchBlob = (await new Response('').blob()).constructor as typeof Blob;
    let blob = new FetchBlob([]);
    for (let start = 0; start < this.pieces.length; ) {
      const batch: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      while (start < this.pieces.length && (batch.length === 0 || bytes < BATCH_BYTES)) {
        const piece = this.pieces[start++]!;
        batch.push(piece as Uint8Array<ArrayBuffer>);
        bytes += piece.byteLength;
      }
      blob = new FetchBlob([blob, ...batch]);
      if (start < this.pieces.length) await yieldToLoop();
    }
    return blob;
  }
}
