import { Redis as IoRedis } from 'ioredis';
import { createClient } from 'redis';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import { createRedisStore, type RedisStore } from '../../src/server/redis/createRedisStore';
import { describeProxyStoreContract } from './proxyStoreContract';
import { startRedisServer } from './startRedisServer';

// One suite, three stores: the in-memory default and Redis through each supported client.
describeProxyStoreContract('memory', async () => ({
  open: () => createMemoryStore(),
  close: async () => undefined,
}));

describeProxyStoreContract('Redis on node-redis', async () => {
  const server = await startRedisServer();
  const client = await createClient({ url: server.url }).connect();
  const stores: RedisStore[] = [];
  return {
    open: (prefix) => {
      const store = createRedisStore(client, { prefix });
      stores.push(store);
      return store;
    },
    async close() {
      await Promise.all(stores.map((store) => store.close()));
      client.destroy();
      await server.stop();
    },
  };
});

describeProxyStoreContract('Redis on ioredis', async () => {
  const server = await startRedisServer();
  const client = new IoRedis(server.port, '127.0.0.1');
  const stores: RedisStore[] = [];
  return {
    open: (prefix) => {
      const store = createRedisStore(client, { prefix });
      stores.push(store);
      return store;
    },
    async close() {
      await Promise.all(stores.map((store) => store.close()));
      client.disconnect();
      await server.stop();
    },
  };
});
