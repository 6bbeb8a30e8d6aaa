import { describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { isImageToVideoError } from '../../src/core/ImageToVideoError';
import { isPredictionId, VIDEO_DURATIONS, VIDEO_SIZES } from '../../src/core/protocol';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { matchProxyRoute } from '../../src/server/matchProxyRoute';
import { createSimulator } from '../../src/testing/createSimulator';

const ORIGIN = 'http://app.test';
const VALID_IDS = ['a', 'abc123', 'A_b-C', 'x'.repeat(128), '0123456789abcdef0123456789abcdef'];
const INVALID_IDS = ['x'.repeat(129), 'a.b', 'a%2Fb', 'a~b', '..', 'a+b', 'ü'];

/** Who accepts an id as a prediction id: the client's transport, the proxy's router, the simulator. */
async function verdicts(id: string) {
  let reached = false;
  const transport = createProxyTransport({
    baseUrl: `${ORIGIN}/api/wavespeed`,
    fetch: async () => {
      reached = true;
      return Response.json({ code: 404, message: 'no such task' }, { status: 404 });
    },
  });
  // A refused id never leaves the client: the transport rejects before fetching.
  await transport.getResult(id).catch((e: unknown) => expect(isImageToVideoError(e)).toBe(true));
  const transportAccepts = reached;

  const route = matchProxyRoute('GET', `/api/wavespeed/predictions/${id}/result`, '/api/wavespeed');
  const proxyAccepts = route.kind === 'route';

  const simulator = createSimulator({ apiKey: 'k' });
  await simulator.fetch(`${ORIGIN}/api/v3/predictions/${id}/result`, { headers: { authorization: 'Bearer k' } });
  const simulatorAccepts = simulator.requests[0]?.operation === 'result';

  return { transport: transportAccepts, proxy: proxyAccepts, simulator: simulatorAccepts };
}

describe('the WaveSpeed protocol module', () => {
  it.each(VALID_IDS)('every layer takes %s as a prediction id', async (id) => {
    expect(isPredictionId(id)).toBe(true);
    expect(await verdicts(id)).toEqual({ transport: true, proxy: true, simulator: true });
  });

  it.each(INVALID_IDS)('every layer refuses %s as a prediction id', async (id) => {
    expect(isPredictionId(id)).toBe(false);
    expect(await verdicts(id)).toEqual({ transport: false, proxy: false, simulator: false });
  });

  it('gives the simulator ids the proxy forwards', async () => {
    const simulator = createSimulator({ timing: 'instant' });
    const response = await simulator.fetch(`${ORIGIN}/api/v3/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'https://cdn.example.com/a.png', prompt: 'a cat' }),
    });
    const { data } = (await response.json()) as { data: { id: string } };
    expect(isPredictionId(data.id)).toBe(true);
  });

  it('runs the three operations end to end: transport → proxy → simulator, on the same paths', async () => {
    const simulator = createSimulator({ apiKey: 'k', timing: 'instant', basePath: '/upstream' });
    const handler = createImageToVideoHandler({ apiKey: 'k', baseUrl: `${ORIGIN}/upstream`, fetch: simulator.fetch });
    const transport = createProxyTransport({ baseUrl: `${ORIGIN}/api/wavespeed`, fetch: (input, init) => handler(new Request(input, init)) });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const { url } = await transport.upload!(new File([png], 'a.png', { type: 'image/png' }));
    // Every size and duration the protocol lists is one the proxy and the simulator take.
    for (const size of VIDEO_SIZES) {
      for (const duration of VIDEO_DURATIONS) {
        const task = await transport.submit({ image: url, prompt: 'a cat', size, duration }, { idempotencyKey: `k-${size.replace('*', 'x')}-${duration}` });
        expect((await transport.getResult(task.id)).id).toBe(task.id);
      }
    }
    expect(new Set(simulator.requests.map((r) => `${r.operation} ${r.method} ${r.path.replace(/[0-9a-f]{32}/, ':id')}`))).toEqual(
      new Set([
        'upload POST /upstream/api/v3/media/upload/binary',
        'submit POST /upstream/api/v3/luma/ray-2-flash-i2v',
        'result GET /upstream/api/v3/predictions/:id/result',
      ]),
    );
  });
});
