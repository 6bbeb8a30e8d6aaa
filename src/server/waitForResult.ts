import { isTerminalStatus } from '../core/isTerminalStatus';
import type { KnownPrediction, PredictionStates } from './createPredictionStates';
import { errorResponse, jsonResponse } from './errorResponse';
import type { ProxyStore } from './ProxyStore';

export interface WaitForResultOptions {
  store: ProxyStore;
  states: PredictionStates;
  predictionId: string;
  /** How long to hold the request when nothing happens. */
  waitMs: number;
  /** After this long since the task's `created_at`, a missing webhook is assumed lost and upstream is read. */
  fallbackAfterMs: number;
  /** The caller's request signal: a browser that leaves ends the wait. */
  signal: AbortSignal;
  /** One upstream read, relayed as the proxy answers it (a 2xx envelope, or an error to pass on). */
  readUpstream: () => Promise<Response>;
  now?: () => number;
}

/**
 * One long-poll on a task's result: answers at once when a terminal state is known, else waits
 * for the webhook's publish or the deadline and answers the newest state known.
 *
 * Order matters (pub/sub is at-most-once): subscribe first, then read the stored state, then
 * wait, so a webhook that lands in between is still heard. The subscription ends on every path.
 *
 * Fallback when webhooks do not come: upstream is read at the start of a wait when this proxy has
 * not yet seen a verified webhook (it cannot know deliveries work), when it knows nothing of the
 * task, or when the task is older than `fallbackAfterMs` (its webhook is overdue). A wait that
 * would cross that age is cut short there and reads upstream before answering. So a lost webhook
 * delays the video by at most about `fallbackAfterMs` after submit plus one wait.
 */
export async function waitForResult(options: WaitForResultOptions): Promise<Response> {
  const { store, states, predictionId, signal } = options;
  const now = options.now ?? Date.now;
  const deadline = now() + options.waitMs;
  const first = await states.read(predictionId);
  if (first && isTerminalStatus(first.prediction.status)) return envelope(first.raw);

  let wake: (message: string) => void = () => undefined;
  const published = new Promise<string>((resolve) => {
    wake = resolve;
  });
  const unsubscribe = await store.subscribe(states.channel(predictionId), (message) => wake(message));
  try {
    let latest = (await states.read(predictionId)) ?? first;
    if (latest && isTerminalStatus(latest.prediction.status)) return envelope(latest.raw);

    const readUpstream = async (): Promise<Response | KnownPrediction> => {
      const response = await options.readUpstream();
      if (!response.ok) return response;
      const body = (await response.json()) as { data?: unknown };
      return (await states.remember(body.data)) ?? errorResponse(502, 'WaveSpeed answered with something unexpected.');
    };

    const fallbackAt = fallbackTime(latest, options.fallbackAfterMs);
    const trusted = await states.webhookSeen();
    if (!trusted || latest === undefined || fallbackAt === undefined || now() >= fallbackAt) {
      const read = await readUpstream();
      if (read instanceof Response) return read;
      latest = read;
      if (isTerminalStatus(latest.prediction.status)) return envelope(latest.raw);
    }
    const overdueDuringWait = fallbackAt !== undefined && trusted && now() < fallbackAt && fallbackAt < deadline;
    const until = overdueDuringWait ? fallbackAt : deadline;

    const outcome = await race(published, Math.max(0, until - now()), signal);
    if (outcome.kind === 'aborted') return errorResponse(499, 'The request was canceled.');
    if (outcome.kind === 'published') {
      try {
        return envelope(JSON.parse(outcome.message));
      } catch {
        // A garbled message: fall through to the stored state, which the webhook wrote first.
      }
    }
    // A publish can be lost (at-most-once): the stored state is read once more before answering.
    latest = (await states.read(predictionId)) ?? latest;
    if (latest && isTerminalStatus(latest.prediction.status)) return envelope(latest.raw);
    if (overdueDuringWait) {
      const read = await readUpstream();
      if (read instanceof Response) return read;
      latest = read;
    }
    return latest ? envelope(latest.raw) : errorResponse(504, 'No state of this prediction is known yet.');
  } finally {
    await unsubscribe();
  }
}

function fallbackTime(known: KnownPrediction | undefined, fallbackAfterMs: number): number | undefined {
  const created = known?.prediction.createdAt ? Date.parse(known.prediction.createdAt) : NaN;
  return Number.isFinite(created) ? created + fallbackAfterMs : undefined;
}

type RaceOutcome = { kind: 'published'; message: string } | { kind: 'timeout' } | { kind: 'aborted' };

/** Waits for the message, the timer or the abort, and leaves no timer or listener behind. */
function race(published: Promise<string>, ms: number, signal: AbortSignal): Promise<RaceOutcome> {
  if (signal.aborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise<RaceOutcome>((resolve) => {
    const timer = setTimeout(() => finish({ kind: 'timeout' }), ms);
    const onAbort = () => finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    void published.then((message) => finish({ kind: 'published', message }));
    function finish(outcome: RaceOutcome) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    }
  });
}

/** The same envelope upstream answers, so clients read a wait like any other read. */
function envelope(data: unknown): Response {
  return jsonResponse(200, JSON.stringify({ code: 200, message: 'success', data }));
}
