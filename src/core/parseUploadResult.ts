import type { UploadResult } from './ImageToVideoTransport';

const isHttpUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\/[^\s/]+/i.test(value);

/**
 * WaveSpeed's upload answer: `download_url` in the binary form, `url` in an older one; only an
 * http(s) URL is accepted, since it goes back upstream as the image to fetch. `undefined` when
 * there is none. The same answers as `uploadResultSchema` without zod (see parseSubmitInput).
 */
export function parseUploadResult(value: unknown): UploadResult | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { download_url: downloadUrl, url } = value as Record<string, unknown>;
  // A present field of the wrong type fails the whole answer, as the schema does.
  if ((downloadUrl !== undefined && typeof downloadUrl !== 'string') || (url !== undefined && typeof url !== 'string')) return undefined;
  if (isHttpUrl(downloadUrl)) return { url: downloadUrl };
  if (isHttpUrl(url)) return { url };
  return undefined;
}
