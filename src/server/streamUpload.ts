import { errorResponse } from './errorResponse';
import { MultipartFormatError, MultipartReader, MultipartTooLargeError } from './MultipartReader';
import { sniffImageType } from './sniffImageType';

export interface StreamUploadOptions {
  maxUploadBytes: number;
  allowedImageTypes: readonly string[];
  /** Room for boundaries, part headers and small fields around the file. */
  overheadBytes: number;
  /** The rate limit, run once the file is known to be an allowed image and before anything goes upstream. */
  admit: () => Promise<Response | undefined>;
  /** Sends the fresh form upstream; aborting `signal` abandons it (upstream never sees a complete request). */
  send: (headers: Headers, body: ReadableStream<Uint8Array>, signal: AbortSignal) => Promise<Response>;
}

/** Bytes of the file read before it is judged by its signature (every signature fits in 32). */
const SNIFF_BYTES = 32;

/**
 * The upload route, streamed: the file's first bytes are sniffed, then the file flows on to
 * upstream in a fresh form holding only it, chunk by chunk, so memory stays flat whatever its
 * size. The rules are those of a buffered upload: exactly one file, in field `file`; its declared
 * type allowed and matching what its bytes are; at most `maxUploadBytes`; a safe file name. A rule
 * broken after streaming began (a second file, the size cap, a torn form) abandons the upstream
 * request, so upstream never receives a complete invalid one.
 */
export async function streamUpload(request: Request, options: StreamUploadOptions): Promise<Response> {
  const tooLarge = errorResponse(413, `The image can be at most ${options.maxUploadBytes} bytes.`);
  const malformed = errorResponse(400, 'The upload is not a readable multipart form.');
  const oneFile = () => errorResponse(400, 'Send exactly one file, in the field "file".', { fieldErrors: { file: ['Choose one image.'] } });
  const boundary = boundaryOf(request.headers.get('content-type') ?? '');
  if (!boundary || !request.body) return malformed;
  const maxBytes = options.maxUploadBytes + options.overheadBytes;
  const declaredLength = request.headers.get('content-length');
  if (declaredLength !== null && Number(declaredLength) > maxBytes) return tooLarge;

  const parts = new MultipartReader(request.body.getReader(), boundary, maxBytes);
  const refusalOf = (error: unknown): Response | undefined => {
    if (error instanceof MultipartTooLargeError) return tooLarge;
    if (error instanceof MultipartFormatError) return malformed;
    return undefined;
  };

  // Up to the file: other fields are skipped (they stay here), a missing file is refused.
  let head: Uint8Array;
  let declared: string;
  let filename: string;
  try {
    let part = await parts.nextPart();
    while (part && !(part.name === 'file' && part.filename !== undefined)) {
      if (part.name === 'file') return oneFile();
      part = await parts.nextPart();
    }
    if (!part) return oneFile();
    declared = part.type;
    filename = part.filename!;
    head = await readAtLeast(parts, SNIFF_BYTES);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return refusal;
    throw error;
  }
  if (head.length > options.maxUploadBytes) return tooLarge;
  if (!options.allowedImageTypes.includes(declared) || sniffImageType(head) !== declared) {
    return errorResponse(415, `Upload an image (${options.allowedImageTypes.join(', ')}).`, {
      fieldErrors: { file: ['That file is not an image of an allowed type.'] },
    });
  }
  const refusal = await options.admit();
  if (refusal) return refusal;

  const outBoundary = `----proxy${crypto.randomUUID().replaceAll('-', '')}`;
  const encoder = new TextEncoder();
  const abandon = new AbortController();
  const onCallerAbort = () => abandon.abort();
  request.signal.addEventListener('abort', onCallerAbort, { once: true });
  let failure: Response | undefined;
  let size = head.length;
  let fileDone = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(
          encoder.encode(
            `--${outBoundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeFilename(filename, declared)}"\r\nContent-Type: ${declared}\r\n\r\n`,
          ),
        );
        controller.enqueue(head);
      },
      async pull(controller) {
        try {
          if (!fileDone) {
            const chunk = await parts.readPartChunk();
            if (chunk) {
              size += chunk.length;
              if (size > options.maxUploadBytes) throw new MultipartTooLargeError('The file is too large.');
              controller.enqueue(chunk);
              return;
            }
            fileDone = true;
          }
          // The rest of the form may hold other fields, but not a second file.
          for (let part = await parts.nextPart(); part; part = await parts.nextPart()) {
            if (part.name === 'file') {
              failure = oneFile();
              break;
            }
          }
          if (!failure) {
            controller.enqueue(encoder.encode(`\r\n--${outBoundary}--\r\n`));
            controller.close();
            return;
          }
        } catch (error) {
          failure = refusalOf(error) ?? errorResponse(400, 'The request body could not be read.');
        }
        // Abandon the upstream request before failing its body, so the send resolves as canceled.
        abandon.abort();
        controller.error(new Error('The upload was refused while streaming.'));
      },
    },
    { highWaterMark: 0 },
  );
  try {
    const headers = new Headers({ 'content-type': `multipart/form-data; boundary=${outBoundary}` });
    const response = await options.send(headers, body, abandon.signal);
    return failure ?? response;
  } finally {
    request.signal.removeEventListener('abort', onCallerAbort);
  }
}

/** Reads the current part until it has `bytes` bytes or ends. */
async function readAtLeast(parts: MultipartReader, bytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < bytes) {
    const chunk = await parts.readPartChunk();
    if (!chunk) break;
    // Copied, so a few head bytes do not keep a whole chunk alive.
    chunks.push(chunk.slice());
    length += chunk.length;
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function safeFilename(name: string, type: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._]+/, '').slice(0, 100);
  return cleaned || `image.${type.slice('image/'.length)}`;
}
