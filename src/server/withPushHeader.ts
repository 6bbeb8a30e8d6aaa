import { PUSH_HEADER } from '../core/parsePushHeader';

/** The longest long-poll the proxy grants: under every host's limit (Vercel edge's 25 s first byte, Heroku's 30 s). */
export const MAX_WAIT_SECONDS = 25;

/** Marks an answer as coming from a proxy that can hold result reads open (see `PUSH_HEADER`). */
export function withPushHeader(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(PUSH_HEADER, `wait=${MAX_WAIT_SECONDS}`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
