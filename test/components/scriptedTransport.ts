import { vi } from 'vitest';
import type { ImageToVideoTransport, UploadOptions } from '../../src/core/ImageToVideoTransport';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import type { Prediction } from '../../src/core/predictionSchema';
import type { SubmitInput } from '../../src/core/submitInputSchema';
import { prediction, VIDEO_URL } from './predictionFixture';

export { prediction, VIDEO_URL };

/**
 * A transport that plays a script: `submit` answers (or throws) the next entry of `submits`,
 * `getResult` the next entry of `results` (the last one repeats), `upload` reports half then full
 * progress and answers a public URL. Every call is recorded.
 */
export function scriptedTransport(script: {
  submits?: (Prediction | ImageToVideoError)[];
  results?: (Prediction | ImageToVideoError)[];
}) {
  const submits = [...(script.submits ?? [prediction({})])];
  const results = [...(script.results ?? [prediction({ status: 'completed', outputs: [VIDEO_URL] })])];
  const uploaded: Blob[] = [];
  const transport = {
    upload: vi.fn(async (file: Blob, options?: UploadOptions) => {
      uploaded.push(file);
      options?.onProgress?.({ loaded: file.size / 2, total: file.size });
      options?.onProgress?.({ loaded: file.size, total: file.size });
      // A size in the name lets the stubbed `Image` load it (see stubImageDecoding), as a resume does.
      return { url: `https://cdn.example.com/uploads/${uploaded.length}-720x1280.jpg` };
    }),
    submit: vi.fn(async (_input: SubmitInput) => {
      const next = submits.length > 1 ? submits.shift()! : submits[0]!;
      if (next instanceof ImageToVideoError) throw next;
      return next;
    }),
    getResult: vi.fn(async (_id: string) => {
      const next = results.length > 1 ? results.shift()! : results[0]!;
      if (next instanceof ImageToVideoError) throw next;
      return next;
    }),
  } satisfies ImageToVideoTransport;
  return { transport, uploaded };
}
