/**
 * The response header by which the proxy tells its clients that it can hold a result read open
 * until the task finishes (long-poll): its value is `wait=<seconds>`, the longest wait it grants.
 * Clients learn push from the proxy's answers, so nobody has to mirror a setting in the browser.
 */
export const PUSH_HEADER = 'x-image-to-video-push';

/** The longest wait a `PUSH_HEADER` value grants, in ms; `undefined` when absent or malformed. */
export function parsePushHeader(value: string | null): number | undefined {
  // fetch trims header values; anything but `wait=<1–3 digits>` (or 0) grants nothing.
  const seconds = Number(/^wait=(\d{1,3})$/.exec(value ?? '')?.[1] ?? 0);
  return seconds > 0 ? seconds * 1000 : undefined;
}
