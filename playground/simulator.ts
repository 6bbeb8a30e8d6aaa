/**
 * `npm run simulator`: the simulator as a standalone upstream, to point the playground (or any
 * proxy) at with `WAVESPEED_BASE_URL`.
 *
 *   SIMULATOR_PORT      default 5174
 *   SIMULATOR_API_KEY   the key callers must send; default any bearer token
 *   SIMULATOR_TIMING    demo (default) | realistic | instant
 *   SIMULATOR_CONTROL   1 serves the control route (faults and timing over HTTP, loopback only)
 *   SIMULATOR_WEBHOOK_SECRET  the whsec_ secret webhooks are signed with; default a random one
 *   SIMULATOR_WEBHOOK   a webhook fault for every task: none | late | twice | wrong-signature-first
 *
 * A submit with `?webhook=<url>` gets a signed webhook at that URL when the task finishes.
 */
import { SIMULATOR_CONTROL_PATH } from '../src/testing/handleSimulatorControl';
import { startSimulatorServer } from '../src/testing/startSimulatorServer';
import { renderVideoWithFfmpeg } from './renderVideoWithFfmpeg';

const running = await startSimulatorServer({
  port: Number(process.env.SIMULATOR_PORT ?? 5174),
  host: '127.0.0.1',
  apiKey: process.env.SIMULATOR_API_KEY,
  timing: (['demo', 'realistic', 'instant'] as const).find((name) => name === process.env.SIMULATOR_TIMING) ?? 'demo',
  renderVideo: renderVideoWithFfmpeg,
  control: process.env.SIMULATOR_CONTROL === '1',
  webhookSecret: process.env.SIMULATOR_WEBHOOK_SECRET,
  faults: (['none', 'late', 'twice', 'wrong-signature-first'] as const)
    .filter((mode) => mode === process.env.SIMULATOR_WEBHOOK)
    .map((mode) => ({ kind: 'webhook', mode, count: Infinity }) as const),
});
console.log(`WaveSpeed simulator: ${running.url}`);
if (process.env.SIMULATOR_CONTROL === '1') console.log(`Control route: ${running.url}${SIMULATOR_CONTROL_PATH}`);
console.log(`Try: WAVESPEED_API_KEY=${process.env.SIMULATOR_API_KEY ?? 'any-key'} WAVESPEED_BASE_URL=${running.url} npm start`);
console.log(
  `Push: add WAVESPEED_WEBHOOK_URL=http://localhost:5173/api/wavespeed/webhook WAVESPEED_WEBHOOK_SECRET=${running.simulator.webhookSecret}`,
);

function shutdown() {
  void running.close();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
