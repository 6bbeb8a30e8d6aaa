export { createRedisStore } from './createRedisStore';
export type { RedisStore, RedisStoreOptions } from './createRedisStore';
export type { RedisClientLike, NodeRedisClientLike, NodeRedisSubscriberLike, IoRedisClientLike, IoRedisSubscriberLike } from './RedisClientLike';
