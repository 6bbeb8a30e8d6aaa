/** How the simulator misbehaves when delivering one task's webhook. */
export type WebhookFaultMode = 'none' | 'late' | 'twice' | 'wrong-signature-first';

/** One delivery attempt, for assertions. */
export interface SimulatorWebhook {
  /** The finished task the webhook announces. */
  taskId: string;
  /** The task status the body carried. */
  status: string;
  /** 1 for the first try; retries and deliberate repeats count up. */
  attempt: number;
  /** Whether this attempt was signed with a wrong secret on purpose. */
  forged: boolean;
  /** The receiver's HTTP status, or `'unreachable'`. */
  outcome: number | 'unreachable';
  /** On the simulator's clock. */
  at: number;
}

export interface WebhookDelivery {
  url: string;
  taskId: string;
  status: string;
  body: string;
  mode: WebhookFaultMode | undefined;
  lateMs: number;
}

export interface WebhookSenderOptions {
  /** The `whsec_…` secret; the HMAC key is the text after the prefix. */
  secret: string;
  post: typeof fetch;
  now: () => number;
  record: (webhook: SimulatorWebhook) => void;
}

/** Waits between retries of a delivery the receiver did not accept with a 2xx. */
const RETRY_DELAYS_MS = [1000, 5000, 25_000];

/**
 * Delivers signed webhooks as WaveSpeed documents them (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v3,<hex HMAC-SHA256 of id.timestamp.body>`), retrying a refused or failed
 * delivery a few times with the same `webhook-id`. Timers are tracked so `cancelAll` leaves none.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  async function sign(secret: string, id: string, timestamp: string, body: string): Promise<string> {
    const encoder = new TextEncoder();
    const keyText = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
    const key = await crypto.subtle.importKey('raw', encoder.encode(keyText), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`)));
    return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function attempt(delivery: WebhookDelivery, id: string, number: number, forged: boolean): Promise<boolean> {
    const timestamp = String(Math.floor(options.now() / 1000));
    const secret = forged ? `whsec_wrong-${crypto.randomUUID()}` : options.secret;
    const signature = await sign(secret, id, timestamp, delivery.body);
    let outcome: number | 'unreachable';
    try {
      const response = await options.post(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': `v3,${signature}`,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(10_000),
      });
      outcome = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch {
      outcome = 'unreachable';
    }
    options.record({ taskId: delivery.taskId, status: delivery.status, attempt: number, forged, outcome, at: options.now() });
    return typeof outcome === 'number' && outcome >= 200 && outcome < 300;
  }

  async function deliverWithRetries(delivery: WebhookDelivery, id: string, forgeFirst: boolean, first = 1): Promise<void> {
    let number = first;
    let forged = forgeFirst;
    const tryOnce = async (): Promise<void> => {
      const ok = await attempt(delivery, id, number, forged);
      forged = false;
      const retry = RETRY_DELAYS_MS[number - first];
      if (ok || retry === undefined) return;
      number += 1;
      later(retry, () => void tryOnce());
    };
    await tryOnce();
  }

  return {
    /** Sends the webhook of a finished task now (or after `lateMs` for the `late` fault). */
    send(delivery: WebhookDelivery): void {
      if (delivery.mode === 'none') return;
      const id = `msg_${crypto.randomUUID().replaceAll('-', '')}`;
      const start = () => {
        void deliverWithRetries(delivery, id, delivery.mode === 'wrong-signature-first').then(() => {
          // A second delivery under a new id, as a sender that lost track of the first would send.
          if (delivery.mode === 'twice') void deliverWithRetries(delivery, `msg_${crypto.randomUUID().replaceAll('-', '')}`, false, 2);
        });
      };
      if (delivery.mode === 'late') later(delivery.lateMs, start);
      else start();
    },
    cancelAll(): void {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    later,
  };
}
