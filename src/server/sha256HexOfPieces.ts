import { yieldToLoop } from './yieldToLoop';

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(encoding: 'hex'): string;
}

/** Bytes hashed between two yields to the event loop. */
const SLICE_BYTES = 256 * 1024;

/**
 * The SHA-256 of the pieces joined, in hex, without blocking the event loop on a big body. On Node
 * the hash is fed piece by piece (`node:crypto`, loaded with `process.getBuiltinModule` so other
 * runtimes never import it), yielding between slices; elsewhere WebCrypto digests a joined copy
 * (its digest runs off the main thread).
 */
export async function sha256HexOfPieces(pieces: readonly Uint8Array[]): Promise<string> {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeCrypto = processLike?.getBuiltinModule?.('node:crypto') as { createHash?: (algorithm: string) => NodeHash } | undefined;
  if (nodeCrypto?.createHash) {
    const hash = nodeCrypto.createHash('sha256');
    let sinceYield = 0;
    for (const piece of pieces) {
      for (let offset = 0; offset < piece.byteLength; offset += SLICE_BYTES) {
        const slice = piece.subarray(offset, offset + SLICE_BYTES);
        hash.update(slice);
        sinceYield += slice.byteLength;
        if (sinceYield >= SLICE_BYTES) {
          sinceYield = 0;
          await yieldToLoop();
        }
      }
    }
    return hash.digest('hex');
  }
  const joined = await new Blob(pieces as Uint8Array<ArrayBuffer>[]).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', joined);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
