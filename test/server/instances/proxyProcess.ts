/**
 * A proxy instance in its own process, for the many-instances test: its own node-redis
 * connection to REDIS_URL, upstream UPSTREAM_URL, push completion when WEBHOOK_SECRET is set. Prints `{"api": …}` once listening, a line per
 * store error, and exits on "exit" from stdin.
 */
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { createRedisStore } from '../../../src/server/redis/createRedisStore';
import { startProxyInstance } from './startProxyInstance';

const client = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: () => 100 } });
// A Redis client without an error listener crashes its process on the first disconnect.
client.on('error', () => undefined);
await client.connect();
const instance = await startProxyInstance({
  store: createRedisStore(client),
  upstreamUrl: process.env.UPSTREAM_URL!,
  storeTimeoutMs: Number(process.env.STORE_TIMEOUT_MS),
  onError: (event) => console.log(JSON.stringify({ error: event.outcome })),
  webhook: process.env.WEBHOOK_SECRET ? { url: 'https://app.example.com/api/wavespeed/webhook', secret: process.env.WEBHOOK_SECRET } : undefined,
});
console.log(JSON.stringify({ api: instance.api }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'exit') break;
}
await instance.close();
client.destroy();
// stdin stays referenced after the loop; nothing else is left to finish.
process.exit(0);
