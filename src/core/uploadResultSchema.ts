import * as z from 'zod/mini';

const isHttpUrl = (value: string | undefined): value is string => /^https?:\/\/[^\s/]+/i.test(value ?? '');

/**
 * WaveSpeed's upload answer: `download_url` in the binary form, `url` in an older one; only an
 * http(s) URL is accepted, since it goes back upstream as the image to fetch.
 */
export const uploadResultSchema = z.pipe(
  z.object({ download_url: z.optional(z.string()), url: z.optional(z.string()) }).check(
    z.refine((data) => isHttpUrl(data.download_url) || isHttpUrl(data.url), 'The upload answer has no http(s) URL.'),
  ),
  z.transform((data) => ({ url: (isHttpUrl(data.download_url) ? data.download_url : data.url)! })),
);
