import type { CounterState, ProxyStore } from '../ProxyStore';
import type { IoRedisClientLike, RedisClientLike } from './RedisClientLike';

export interface RedisStoreOptions {
  /** Prepended to every key and pub/sub channel, so several apps can share one Redis. Default `'i2v:'`. */
  prefix?: string;
  /**
   * Told about errors of the subscriber connection, which reconnects by itself. Default none
   * (the error is swallowed so that it cannot crash the process).
   */
  onError?: (error: unknown) => void;
}

/** The Redis store, plus what a host needs to run and shut it down. */
export interface RedisStore extends ProxyStore {
  /** Channels with at least one listener in this process (leak checks). */
  readonly channelCount: number;
  /** Closes the subscriber connection if one was opened. Your own client stays open. */
  close(): Promise<void>;
}

interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  close(): void;
}

/**
 * A fixed window counted on Redis's own clock (`TIME`), so every instance agrees on when a window
 * ends. Answers the count and the milliseconds left in the window.
 */
const INCREMENT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local resetAt = tonumber(redis.call('HGET', KEYS[1], 'resetAt') or '')
if resetAt == nil or resetAt <= now then
  resetAt = now + window
  redis.call('HSET', KEYS[1], 'count', 1, 'resetAt', string.format('%.0f', resetAt))
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, window}
end
return {redis.call('HINCRBY', KEYS[1], 'count', 1), resetAt - now}
`;

/** Push, trim and expire as one step, so concurrent pushes from many instances never overgrow the list. */
const PUSH_RECENT_SCRIPT = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * A `ProxyStore` on Redis, for a proxy that runs on more than one instance (every serverless
 * host): idempotency claims, rate-limit counters and task owners are shared, and pub/sub reaches
 * every instance. Takes the host's own connected client, node-redis (`redis` 5/6) or ioredis
 * (5/6); neither is a dependency of this package.
 *
 * Every operation is one round trip and atomic: `add` is `SET NX PX`, `increment` one Lua script.
 * Pub/sub uses one dedicated connection (`client.duplicate()`), opened at the first `subscribe`.
 *
 * @example
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = createRedisStore(redis);
 * const handler = createImageToVideoHandler({ store, rateLimit: createRateLimiter({ limit: 5, store }) });
 */
export function createRedisStore(client: RedisClientLike, options: RedisStoreOptions = {}): RedisStore {
  const prefix = options.prefix ?? 'i2v:';
  const report = (error: unknown) => options.onError?.(error);
  const command = (args: string[]): Promise<unknown> => (isIoRedis(client) ? client.call(args[0]!, ...args.slice(1)) : client.sendCommand(args));
  const ms = (value: number) => String(Math.max(1, Math.ceil(value)));

  const scriptShas = new Map<string, Promise<string>>();
  async function runScript(script: string, args: string[]): Promise<unknown> {
    let sha = scriptShas.get(script);
    if (!sha) scriptShas.set(script, (sha = sha1Hex(script)));
    try {
      return await command(['EVALSHA', await sha, ...args]);
    } catch (error) {
      // A restarted or flushed Redis forgot the script: send it whole, which also caches it again.
      if (!String((error as { message?: unknown } | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return command(['EVAL', script, ...args]);
    }
  }
  const runIncrement = (key: string, windowMs: number) => runScript(INCREMENT_SCRIPT, ['1', prefix + key, ms(windowMs)]);

  // Pub/sub: channel → listeners in this process; `live` is what the server has us subscribed to.
  const listeners = new Map<string, Set<(message: string) => void>>();
  const live = new Set<string>();
  let subscriber: Promise<Subscriber> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function deliver(channel: string, message: string): void {
    // A copy: a listener that unsubscribes while being called must not skip its neighbour.
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(message);
      } catch (error) {
        report(error);
      }
    }
  }

  async function openSubscriber(): Promise<Subscriber> {
    if (isIoRedis(client)) {
      const connection = client.duplicate();
      connection.on('error', report);
      connection.on('message', deliver);
      return {
        subscribe: (channel) => connection.subscribe(channel),
        unsubscribe: (channel) => connection.unsubscribe(channel),
        close: () => connection.disconnect(),
      };
    }
    const connection = client.duplicate();
    connection.on('error', report);
    const onMessage = (message: string, channel: string) => deliver(channel, message);
    try {
      await connection.connect();
    } catch (error) {
      connection.destroy();
      throw error;
    }
    return {
      subscribe: (channel) => connection.subscribe(channel, onMessage),
      unsubscribe: (channel) => connection.unsubscribe(channel, onMessage),
      close: () => connection.destroy(),
    };
  }

  /**
   * Brings the server's subscription to `channel` in line with the listeners, one change at a
   * time: a subscribe and an unsubscribe racing for one channel can never leave it subscribed
   * with nobody listening, or listening with no subscription.
   */
  function sync(channel: string): Promise<void> {
    const step = queue.then(async () => {
      const wanted = listeners.has(channel);
      if (wanted === live.has(channel)) return;
      subscriber ??= openSubscriber().catch((error: unknown) => {
        subscriber = undefined;
        throw error;
      });
      const connection = await subscriber;
      if (wanted) {
        await connection.subscribe(channel);
        live.add(channel);
      } else {
        await connection.unsubscribe(channel);
        live.delete(channel);
      }
    });
    queue = step.catch(() => undefined);
    return step;
  }

  return {
    async get(key) {
      const value = await command(['GET', prefix + key]);
      return value === null || value === undefined ? undefined : String(value);
    },
    async set(key, value, ttlMs) {
      await command(['SET', prefix + key, value, 'PX', ms(ttlMs)]);
    },
    async add(key, value, ttlMs) {
      return (await command(['SET', prefix + key, value, 'PX', ms(ttlMs), 'NX'])) !== null;
    },
    async delete(key) {
      await command(['DEL', prefix + key]);
    },
    async increment(key, windowMs): Promise<CounterState> {
      const answer = await runIncrement(key, windowMs);
      if (!Array.isArray(answer) || answer.length !== 2) throw new Error('The rate-limit script answered an unexpected shape.');
      // Redis's clock decided the window; its remaining length is turned into this process's time.
      return { count: Number(answer[0]), resetAt: Date.now() + Number(answer[1]) };
    },
    async pushRecent(key, value, keep, ttlMs) {
      await runScript(PUSH_RECENT_SCRIPT, ['1', prefix + key, value, String(Math.max(1, Math.floor(keep))), ms(ttlMs)]);
    },
    async readRecent(key) {
      const answer = await command(['LRANGE', prefix + key, '0', '-1']);
      return Array.isArray(answer) ? answer.map(String) : [];
    },
    async publish(channel, message) {
      await command(['PUBLISH', prefix + channel, message]);
    },
    async subscribe(name, listener) {
      const channel = prefix + name;
      // Each call gets its own entry, so the same function subscribed twice is unsubscribed once each.
      const entry = (message: string) => listener(message);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(entry);
      const own = set;
      const stop = async () => {
        if (!own.delete(entry)) return;
        if (own.size === 0 && listeners.get(channel) === own) listeners.delete(channel);
        await sync(channel);
      };
      try {
        await sync(channel);
      } catch (error) {
        await stop().catch(() => undefined);
        throw error;
      }
      return stop;
    },
    get channelCount() {
      return listeners.size;
    },
    async close() {
      listeners.clear();
      live.clear();
      const opened = subscriber;
      subscriber = undefined;
      if (opened) (await opened.catch(() => undefined))?.close();
    },
  };
}

function isIoRedis(client: RedisClientLike): client is IoRedisClientLike {
  return typeof (client as Partial<IoRedisClientLike>).call === 'function';
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
