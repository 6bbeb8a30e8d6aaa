import { isTerminalStatus } from '../core/isTerminalStatus';
import { predictionSchema, type Prediction } from '../core/predictionSchema';
import type { ProxyStore } from './ProxyStore';

/** A prediction as upstream wrote it (relayed as is) and as the proxy reads it. */
export interface KnownPrediction {
  raw: unknown;
  prediction: Prediction;
}

export interface PredictionStates {
  /** The pub/sub channel on which a task's terminal state is announced. */
  channel(predictionId: string): string;
  /** The newest state this proxy (on any instance sharing the store) knows of a task. */
  read(predictionId: string): Promise<KnownPrediction | undefined>;
  /**
   * Keeps `raw` as the task's newest state, unless a terminal state is already known (a late
   * upstream read must not undo a webhook). Answers the parsed state, or undefined when `raw` is
   * not a prediction.
   */
  remember(raw: unknown): Promise<KnownPrediction | undefined>;
  /** Notes that a verified webhook arrived, which lets waits trust webhooks instead of reading upstream. */
  markWebhookSeen(): Promise<void>;
  webhookSeen(): Promise<boolean>;
}

/** Long enough for any job and a reload; WaveSpeed keeps predictions 7 days, we need far less. */
const STATE_TTL_MS = 24 * 60 * 60_000;
/** How long one delivered webhook vouches that deliveries work. */
const WEBHOOK_SEEN_TTL_MS = 24 * 60 * 60_000;

/** Task states in the proxy's store, shared by the webhook route and result waits. */
export function createPredictionStates(store: ProxyStore): PredictionStates {
  const key = (id: string) => `prediction:${id}`;
  const parse = (raw: unknown): KnownPrediction | undefined => {
    const parsed = predictionSchema.safeParse(raw);
    return parsed.success ? { raw, prediction: parsed.data } : undefined;
  };
  const states: PredictionStates = {
    channel: (id) => `prediction:${id}`,
    async read(id) {
      const text = await store.get(key(id));
      if (text === undefined) return undefined;
      try {
        return parse(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    async remember(raw) {
      const known = parse(raw);
      if (!known) return undefined;
      if (!isTerminalStatus(known.prediction.status)) {
        const current = await states.read(known.prediction.id);
        if (current && isTerminalStatus(current.prediction.status)) return current;
      }
      await store.set(key(known.prediction.id), JSON.stringify(raw), STATE_TTL_MS);
      return known;
    },
    async markWebhookSeen() {
      await store.set('webhook:seen', String(Date.now()), WEBHOOK_SEEN_TTL_MS);
    },
    async webhookSeen() {
      return (await store.get('webhook:seen')) !== undefined;
    },
  };
  return states;
}
