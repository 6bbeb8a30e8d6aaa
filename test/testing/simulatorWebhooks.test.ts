import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSimulator, type SimulatorFault } from '../../src/testing/createSimulator';

const SECRET = 'whsec_simulator-test';
const HOOK = 'https://app.example.com/api/wavespeed/webhook';

/** A receiver that checks signatures with node:crypto, independently of the simulator's signer. */
function receiver() {
  const received: Array<{ id: string; body: Record<string, unknown>; valid: boolean }> = [];
  const post: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = await request.text();
    const id = request.headers.get('webhook-id')!;
    const timestamp = request.headers.get('webhook-timestamp')!;
    const expected = createHmac('sha256', SECRET.slice('whsec_'.length)).update(`${id}.${timestamp}.${body}`).digest();
    const given = Buffer.from((request.headers.get('webhook-signature') ?? '').replace(/^v3,/, ''), 'hex');
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    received.push({ id, body: JSON.parse(body) as Record<string, unknown>, valid });
    expect(request.url).toBe(HOOK);
    return new Response(null, { status: valid ? 204 : 401 });
  };
  return { received, post };
}

async function submitWithHook(faults: SimulatorFault[] = [], query = `?webhook=${encodeURIComponent(HOOK)}`) {
  const { received, post } = receiver();
  const simulator = createSimulator({ webhookSecret: SECRET, timing: { queueMs: 0, processingMs: 50 }, postWebhook: post, faults });
  const response = await simulator.fetch(`http://sim/api/v3/luma/ray-2-flash-i2v${query}`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({ image: 'https://cdn.example.com/cat.png', prompt: 'p' }),
  });
  const id = ((await response.json()) as { data: { id: string } }).data.id;
  return { simulator, received, id };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulator webhooks', () => {
  it('serves its secret on GET /api/v3/webhook/secret with a key', async () => {
    const simulator = createSimulator({ webhookSecret: SECRET });
    const answer = await simulator.fetch('http://sim/api/v3/webhook/secret', { headers: { authorization: 'Bearer k' } });
    expect(await answer.json()).toMatchObject({ data: { secret: SECRET } });
    expect((await simulator.fetch('http://sim/api/v3/webhook/secret')).status).toBe(401);
  });

  it('delivers one signed webhook with the bare prediction when the task finishes', async () => {
    const { simulator, received, id } = await submitWithHook();
    await sleep(300);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ valid: true, body: { id, status: 'completed', outputs: [expect.stringContaining(id)] } });
    expect(received[0]!.body).not.toHaveProperty('data');
    expect(simulator.webhooks).toMatchObject([{ taskId: id, status: 'completed', attempt: 1, outcome: 204, forged: false }]);
  });

  it('sends nothing when the submit asked for no webhook, or with the none fault', async () => {
    const plain = await submitWithHook([], '');
    const none = await submitWithHook([{ kind: 'webhook', mode: 'none' }]);
    await sleep(300);
    expect(plain.received).toEqual([]);
    expect(none.received).toEqual([]);
  });

  it('delivers late, twice under a new id, and retries after a wrong signature first', async () => {
    const late = await submitWithHook([{ kind: 'webhook', mode: 'late', lateMs: 400 }]);
    const twice = await submitWithHook([{ kind: 'webhook', mode: 'twice' }]);
    const forged = await submitWithHook([{ kind: 'webhook', mode: 'wrong-signature-first' }]);
    await sleep(250);
    expect(late.received).toEqual([]);
    expect(twice.received).toHaveLength(2);
    expect(new Set(twice.received.map((r) => r.id)).size).toBe(2);
    expect(forged.received.map((r) => r.valid)).toEqual([false]);
    await sleep(1200);
    expect(late.received.map((r) => r.valid)).toEqual([true]);
    expect(forged.received.map((r) => r.valid)).toEqual([false, true]);
    // The retry keeps the delivery's id, as a sender retrying one message would.
    expect(forged.received[1]!.id).toBe(forged.received[0]!.id);
    expect(forged.simulator.webhooks.map((w) => w.outcome)).toEqual([401, 204]);
  });

  it('reset cancels pending deliveries', async () => {
    const late = await submitWithHook([{ kind: 'webhook', mode: 'late', lateMs: 100 }]);
    late.simulator.reset();
    await sleep(300);
    expect(late.received).toEqual([]);
  });
});
