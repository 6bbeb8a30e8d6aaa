import type { QueryClient } from '@tanstack/react-query';
import { newIdempotencyKey } from '../core/newIdempotencyKey';

/** How long an abandoned intent's key stays adoptable. */
const ADOPTABLE_MS = 10 * 60_000;

interface Entry {
  key: string;
  at: number;
}

/** Per host QueryClient (its lifetime is the app's), never a client of our own. */
const byClient = new WeakMap<QueryClient, Map<string, Entry>>();
const blobIds = new WeakMap<Blob, number>();
let nextBlobId = 1;

function entries(client: QueryClient): Map<string, Entry> {
  let map = byClient.get(client);
  if (!map) {
    map = new Map();
    byClient.set(client, map);
  }
  return map;
}

/** Same image (the same Blob object, or the same string), prompt, size and duration. */
export function intentFingerprint(request: {
  image: Blob | string;
  prompt: string;
  size?: string;
  duration?: number;
}): string {
  let image: string;
  if (typeof request.image === 'string') {
    image = `s:${request.image}`;
  } else {
    let id = blobIds.get(request.image);
    if (id === undefined) {
      id = nextBlobId++;
      blobIds.set(request.image, id);
    }
    image = `b:${id}`;
  }
  return JSON.stringify([image, request.prompt.trim(), request.size ?? null, request.duration ?? null]);
}

/**
 * Idempotency keys of intents that started but were never settled, so a remount that sends the
 * same request again re-sends the same key, and the transport answers with the task the first
 * try may already have created instead of starting (and billing) a second one.
 */
export const intentKeys = {
  /** The key of an unsettled identical intent if there is one, else a new key (registered). */
  claim(client: QueryClient, fingerprint: string, now: number): string {
    const map = entries(client);
    const existing = map.get(fingerprint);
    if (existing && now - existing.at < ADOPTABLE_MS) return existing.key;
    return intentKeys.fresh(client, fingerprint, now);
  },
  /** A new key for a deliberately new intent (retry), registered so a remount can adopt it. */
  fresh(client: QueryClient, fingerprint: string, now: number): string {
    const key = newIdempotencyKey();
    entries(client).set(fingerprint, { key, at: now });
    return key;
  },
  /** The intent was settled (accepted, failed, canceled by the user): its key is spent. */
  release(client: QueryClient, fingerprint: string, key: string): void {
    const map = entries(client);
    if (map.get(fingerprint)?.key === key) map.delete(fingerprint);
  },
};
