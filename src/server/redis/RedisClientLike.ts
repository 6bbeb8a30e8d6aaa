/**
 * The part of a node-redis (`redis` 5 or 6) client the Redis store uses. Structural, so the
 * package is not a dependency of ours: pass the client your app already created and connected.
 */
export interface NodeRedisClientLike {
  sendCommand(args: readonly string[]): Promise<unknown>;
  /** Used once, lazily, for the dedicated subscriber connection that pub/sub needs. */
  duplicate(): NodeRedisSubscriberLike;
}

/** A node-redis connection in subscriber mode. */
export interface NodeRedisSubscriberLike {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => unknown): Promise<unknown>;
  unsubscribe(channel: string, listener: (message: string, channel: string) => unknown): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): void;
}

/**
 * The part of an ioredis (5 or 6) client the Redis store uses. Structural, so the package is not a
 * dependency of ours.
 */
export interface IoRedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
  /** Used once, lazily, for the dedicated subscriber connection that pub/sub needs. */
  duplicate(): IoRedisSubscriberLike;
}

/** An ioredis connection in subscriber mode. */
export interface IoRedisSubscriberLike {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/** A connected node-redis or ioredis client. */
export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike;
