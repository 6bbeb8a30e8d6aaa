/**
 * The response header by which the proxy tells its clients that it can hold a result read open
 * until the task finishes (long-poll): its value is `wait=<seconds>`, the longest wait it grants.
 * Clients learn push from the proxy's answers, so nobody has to mirror a setting in the browser.
 */
export const PUSH_HEADER = 'x-image-to-video-push';

/** The longest wait a `PUSH_HEADER` value grants, in ms; `undefined` when absent or malformed. */
export function parsePushHeader(value: string | null): number | undefined {
  const seconds = value === null ? undefined : /^\s*wait=(\d{1,3})\s*$/.exec(value)?.[1];
  return seconds === undefined || Number(seconds) === 0 ? undefined : Number(seconds) * 1000;
}
