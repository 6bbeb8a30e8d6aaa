import * as z from 'zod/mini';

const httpUrl = z.url({ protocol: /^https?$/ });

/** WaveSpeed's upload answer: `download_url` in the binary form, `url` in an older one. */
export const uploadResultSchema = z.pipe(
  z.union([z.object({ download_url: httpUrl }), z.object({ url: httpUrl })]),
  z.transform((data) => ({ url: 'download_url' in data ? data.download_url : data.url })),
);
