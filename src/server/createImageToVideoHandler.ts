import { isTerminalStatus } from '../core/isTerminalStatus';
import { predictionSchema } from '../core/predictionSchema';
import { DEFAULT_MAX_IMAGE_BYTES, SUPPORTED_IMAGE_TYPES } from '../core/preflight/checkImageFile';
import { EXPECTED_WINDOW_HEADER } from '../core/protocol';
import { PROMPT_MAX_LENGTH } from '../core/submitInputSchema';
import { uploadResultSchema } from '../core/uploadResultSchema';
import type { BodyPieces } from './BodyPieces';
import { callUpstream } from './callUpstream';
import { clientAddressOf } from './clientAddressOf';
import { createJobTimings } from './createJobTimings';
import { createMemoryStore } from './createMemoryStore';
import { createPredictionStates } from './createPredictionStates';
import type { RateLimit } from './createRateLimiter';
import { createWebhookSecretSource } from './createWebhookSecretSource';
import { errorResponse, jsonResponse } from './errorResponse';
import { handlePromptOptimizer } from './handlePromptOptimizer';
import { handleWebhook } from './handleWebhook';
import type { ProxyErrorEvent } from './ProxyErrorEvent';
import { matchProxyRoute } from './matchProxyRoute';
import { createNodeUpstream } from './nodeUpstream';
import type { ProxyStore } from './ProxyStore';
import { BodyReadError, BodyTooLargeError } from './readLimitedBody';
import { readSubmitBody, type ReadSubmit } from './readSubmitBody';
import { relayUpstream } from './relayUpstream';
import { runIdempotent } from './runIdempotent';
import { sha256HexOfPieces } from './sha256HexOfPieces';
import { StoreUnavailableError } from './StoreUnavailableError';
import { streamUpload } from './streamUpload';
import { waitForResult } from './waitForResult';
import { withStoreTimeout } from './withStoreTimeout';
import { MAX_WAIT_SECONDS, withPushHeader } from './withPushHeader';

/**
 * What `authorize` answers: `true` or `{ clientId }` lets the request through; `false` answers
 * 403; a `Response` is sent as it is (a 401, a redirect). A `clientId` (pass the session's user id)
 * scopes idempotency keys and rate limits, and makes each task readable only by the client that
 * submitted it: another client's read answers 404. Ownership lives in the `store`, so with the
 * in-memory default it is forgotten on restart (reads are then allowed, as without a `clientId`).
 */
export type AuthorizeResult = boolean | { clientId: string } | Response;

/** Per-request facts that a `Request` cannot carry. The Node adapter fills `clientAddress`. */
export interface HandlerContext {
  clientAddress?: string;
  [key: string]: unknown;
}

export interface ProxyLimits {
  /** Largest submit body, in bytes. Default 10 MiB + 64 KiB: room for an image sent as a data URI. */
  maxSubmitBytes: number;
  /**
   * Longest prompt, in characters; longer answers 413. Default `PROMPT_MAX_LENGTH` (2000), as the
   * client. It may only lower that cap: the client refuses longer prompts before they are sent,
   * so a higher value could never be used, and `createImageToVideoHandler` throws a `RangeError`.
   */
  maxPromptLength: number;
  /** Largest uploaded image, in bytes. Default 20 MiB, WaveSpeed's documented image limit. */
  maxUploadBytes: number;
  /** MIME types an upload may have; the file's first bytes must agree. Default JPEG, PNG, WebP, GIF, AVIF, BMP. */
  allowedImageTypes: readonly string[];
  /** Largest upstream answer read, in bytes. Default 1 MiB. */
  maxUpstreamResponseBytes: number;
}

export type { ProxyErrorEvent } from './ProxyErrorEvent';

export interface ImageToVideoHandlerOptions {
  /** The WaveSpeed API key. Default `process.env.WAVESPEED_API_KEY`. Never sent to a browser. */
  apiKey?: string;
  /** The upstream origin. Default `process.env.WAVESPEED_BASE_URL`, else `'https://api.wavespeed.ai'`. */
  baseUrl?: string;
  /** Where the proxy is mounted. Default `'/api/wavespeed'`, the client's default. */
  basePath?: string;
  /**
   * Checks the caller, typically its session cookie. Default: everyone may pass, which lets anyone
   * who can reach the route spend your credit; set it (and `rateLimit`) in production.
   */
  authorize?: (request: Request) => AuthorizeResult | Promise<AuthorizeResult>;
  /** Caps requests per client. Default none; see `createRateLimiter`. */
  rateLimit?: RateLimit;
  /**
   * Where idempotency records and task owners live. Default an in-memory store (single instance);
   * on several instances pass a shared one (`createRedisStore` from `react-image-to-video/server/redis`).
   */
  store?: ProxyStore;
  /**
   * Longest wait for one call on a given `store`; past it (or on any store error) a submit answers
   * 503 with `Retry-After` and is not forwarded, and an owner-checked read answers 503. Default 2000.
   */
  storeTimeoutMs?: number;
  /** How long a repeated idempotency key answers the first task. Default 1 hour. */
  idempotencyWindowMs?: number;
  limits?: Partial<ProxyLimits>;
  /** Upstream timeout for submits and results, headers and body. Default 30 000. */
  timeoutMs?: number;
  /** Upstream timeout for uploads. Default 120 000. */
  uploadTimeoutMs?: number;
  /** The whole prompt optimization, including reads while it is not finished. Default 20 000. */
  optimizeTimeoutMs?: number;
  /** The fetch used to reach upstream (an in-process simulator, instrumentation). Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Called when upstream fails or refuses, for logs and alerts. Never receives the key. */
  onError?: (event: ProxyErrorEvent) => void;
  /** Push completion by WaveSpeed's signed webhook; see `WebhookOptions`. */
  webhook?: WebhookOptions;
}

/**
 * Push completion: WaveSpeed calls `url` when a task finishes, and browsers waiting on
 * `GET …/predictions/{id}/result?wait=25` are answered at once, on any instance sharing the store.
 */
export interface WebhookOptions {
  /**
   * The public HTTPS URL WaveSpeed should call: this proxy's own `{basePath}/webhook` route.
   * Default `process.env.WAVESPEED_WEBHOOK_URL`. Without one, nothing changes: reads go upstream.
   */
  url?: string;
  /**
   * The account's `whsec_…` signing secret. Default `process.env.WAVESPEED_WEBHOOK_SECRET`, else
   * fetched once from `GET /api/v3/webhook/secret` with the API key and kept.
   */
  secret?: string;
  /**
   * How long after a task's creation its webhook counts as lost, so waits read upstream instead.
   * Default 75 000: Ray 2 Flash jobs take 30–65 s, and a 20 s job still shows within a minute.
   */
  fallbackAfterMs?: number;
}

/**
 * A fetch-standard handler: Next.js route handlers, Hono, Remix, Bun, Deno and edge runtimes.
 * The second argument is whatever the host passes beside the request: a `HandlerContext` from
 * `toNodeHandler`, Next.js's `{ params }`, nothing at all. Only a string `clientAddress` is read
 * from it. It is typed `unknown` because Next.js's route type check (`next build --webpack`, and
 * Next 15) requires a handler's second parameter type to be assignable to its `RouteContext`, which
 * `HandlerContext | undefined` is not; `unknown` is what that check accepts as "any context".
 */
export type ImageToVideoHandler = (request: Request, context?: unknown) => Promise<Response>;

const DEFAULT_LIMITS: ProxyLimits = {
  maxSubmitBytes: 10 * 1024 * 1024 + 64 * 1024,
  maxPromptLength: PROMPT_MAX_LENGTH,
  maxUploadBytes: DEFAULT_MAX_IMAGE_BYTES,
  allowedImageTypes: SUPPORTED_IMAGE_TYPES,
  maxUpstreamResponseBytes: 1024 * 1024,
};

/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
/** Room for the four fields and a few unknown ones, which the schema drops (older or newer clients). */
const SUBMIT_MAX_KEYS = 16;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
/** WaveSpeed keeps predictions 7 days; who created one is remembered as long. */
const OWNER_TTL_MS = 7 * 24 * 60 * 60_000;
const ownerKey = (predictionId: string) => `owner:${predictionId}`;

function env(name: string): string | undefined {
  // Read lazily and defensively: edge runtimes may have no `process` at all.
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env?.[name];
}

/**
 * The proxy between the browser and WaveSpeed: forwards exactly four operations (submit, read a
 * result, upload an image, optimize a prompt) with the server's key, after checking the caller, the path, the body
 * and the limits. Everything else is answered 4xx and never leaves the server.
 */
export function createImageToVideoHandler(options: ImageToVideoHandlerOptions = {}): ImageToVideoHandler {
  const basePath = (options.basePath ?? '/api/wavespeed').replace(/\/+$/, '');
  const limits: ProxyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (!(limits.maxPromptLength >= 1 && limits.maxPromptLength <= PROMPT_MAX_LENGTH)) {
    throw new RangeError(`limits.maxPromptLength may only lower the prompt cap: 1 to ${PROMPT_MAX_LENGTH}, not ${limits.maxPromptLength}.`);
  }
  // A given store may be remote: bound every call. The in-memory default cannot hang.
  const store = options.store ? withStoreTimeout(options.store, options.storeTimeoutMs ?? 2000) : createMemoryStore();
  const timings = createJobTimings(store);
  const idempotencyWindowMs = options.idempotencyWindowMs ?? 60 * 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;
  const optimizeTimeoutMs = options.optimizeTimeoutMs ?? 20_000;
  const onError = options.onError ?? (() => undefined);
  // On Node, reads and submits go out over `node:http` (half the CPU of `fetch` per call); a
  // host-supplied `fetch` is always used as given.
  const nodeUpstream = options.fetch ? undefined : createNodeUpstream();
  const states = createPredictionStates(store);
  let webhookSecret: (() => Promise<string>) | undefined;

  return async function imageToVideoHandler(request, context) {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse(400, 'That URL is not allowed.');
    }
    const route = matchProxyRoute(request.method, url.pathname, basePath);
    if (route.kind === 'refused') {
      return errorResponse(route.status, route.message, route.allow ? { headers: { allow: route.allow } } : {});
    }
    const apiKey = options.apiKey ?? env('WAVESPEED_API_KEY') ?? '';
    const baseUrl = (options.baseUrl ?? env('WAVESPEED_BASE_URL') ?? 'https://api.wavespeed.ai').replace(/\/+$/, '');
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const webhookUrl = options.webhook?.url ?? env('WAVESPEED_WEBHOOK_URL');
    if (route.operation === 'webhook') {
      // No session and no authorize here: WaveSpeed has neither; the signature is the only way in.
      if (!webhookUrl) return errorResponse(404, 'Not found.');
      webhookSecret ??= createWebhookSecretSource({
        secret: options.webhook?.secret ?? env('WAVESPEED_WEBHOOK_SECRET'),
        fetch: fetchImpl,
        baseUrl,
        apiKey,
        timeoutMs,
      });
      try {
        return await handleWebhook(request, { store, states, secret: webhookSecret, onError: (error) => onError({ operation: 'webhook', outcome: 'proxy-failed', error }) });
      } catch (error) {
        // A 5xx either way: WaveSpeed retries, and the delivery was not marked as seen.
        const unavailable = error instanceof StoreUnavailableError;
        onError({ operation: 'webhook', outcome: unavailable ? 'store-unavailable' : 'proxy-failed', error });
        return errorResponse(unavailable ? 503 : 500, 'The webhook could not be stored.');
      }
    }
    // Browsers mark requests made by other sites; our own page never makes those.
    if (request.headers.get('sec-fetch-site') === 'cross-site') {
      return errorResponse(403, 'Cross-site requests are not allowed.');
    }

    let clientId = clientAddressOf(context) ?? 'anonymous';
    // Only an identity the host vouches for owns tasks; an address can change mid-job (mobile).
    let identified = false;
    if (options.authorize) {
      let verdict: AuthorizeResult;
      try {
        verdict = await options.authorize(request);
      } catch (error) {
        onError({ operation: route.operation, outcome: 'authorize-threw', error });
        return errorResponse(500, 'Authorization failed.');
      }
      if (verdict instanceof Response) return verdict;
      if (verdict === false) return errorResponse(403, 'You are not allowed to do that.');
      if (typeof verdict === 'object') {
        clientId = verdict.clientId;
        identified = true;
      }
    }

    if (!apiKey) return errorResponse(401, 'The server has no WaveSpeed API key configured.');
    // The query form is the one the webhook docs show; the body stays exactly the model's contract.
    const webhookQuery = route.operation === 'submit' && webhookUrl ? `?webhook=${encodeURIComponent(webhookUrl)}` : '';
    const upstreamUrl = `${baseUrl}${route.upstreamPath}${webhookQuery}`;

    const admit = async (): Promise<Response | undefined> => {
      if (!options.rateLimit) return undefined;
      const decision = await options.rateLimit({ clientId, operation: route.operation, request });
      if (decision.allowed) return undefined;
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return errorResponse(429, 'Too many requests; try again later.', {
        headers: { 'retry-after': String(seconds), 'retry-after-ms': String(Math.round(decision.retryAfterMs)) },
      });
    };

    const forward = async (headers: Headers, body: BodyInit | BodyPieces | undefined, isValidData: (data: unknown) => boolean, signal?: AbortSignal, path?: string) => {
      headers.set('authorization', `Bearer ${apiKey}`);
      const outcome = await callUpstream({
        fetch: fetchImpl,
        url: path === undefined ? upstreamUrl : `${baseUrl}${path}`,
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body,
        signal,
        timeoutMs: route.operation === 'upload' ? uploadTimeoutMs : timeoutMs,
        maxResponseBytes: limits.maxUpstreamResponseBytes,
        node: nodeUpstream,
      });
      if (outcome.kind !== 'answered') {
        if (outcome.kind !== 'canceled') onError({ operation: route.operation, outcome: outcome.kind, error: 'error' in outcome ? outcome.error : undefined });
      } else if (outcome.status >= 400) {
        onError({ operation: route.operation, outcome: outcome.status });
      }
      return relayUpstream(outcome, { apiKey, isValidData });
    };

    const recordOwner = async (response: Response) => {
      if (!response.ok) return;
      const id = await response
        .clone()
        .json()
        .then((body: { data?: { id?: unknown } }) => body.data?.id, () => undefined);
      // The task exists whether or not its owner is remembered: its answer still goes to the client.
      if (typeof id === 'string') {
        await store.set(ownerKey(id), clientId, OWNER_TTL_MS).catch((error: unknown) => onError({ operation: 'submit', outcome: 'store-unavailable', error }));
      }
    };

    const recordStart = async (response: Response, duration: number) => {
      if (!response.ok) return;
      const id = await response
        .clone()
        .json()
        .then((body: { data?: { id?: unknown } }) => body.data?.id, () => undefined);
      if (typeof id === 'string') {
        await timings.started(id, duration).catch((error: unknown) => onError({ operation: 'submit', outcome: 'store-unavailable', error }));
      }
    };

    // A lost sample only makes the estimate a little older; the answer still goes out.
    const timeCompleted = (id: string) =>
      timings.completed(id).catch((error: unknown) => onError({ operation: 'result', outcome: 'store-unavailable', error }));
    /** Push mode's answers may come from the store, not a read: time whichever says completed. */
    const timeIfCompleted = async (response: Response): Promise<Response> => {
      if (!response.ok) return response;
      const data = ((await response.clone().json().catch(() => undefined)) as { data?: { id?: unknown; status?: unknown } } | undefined)?.data;
      if (data?.status === 'completed' && typeof data.id === 'string') await timeCompleted(data.id);
      return response;
    };

    /** Tells the client when this task is likely to finish, learned from this proxy's recent tasks. */
    const withExpectedWindow = async (response: Response, duration: number): Promise<Response> => {
      if (!response.ok) return response;
      const window = await timings.window(duration).catch(() => undefined);
      if (!window) return response;
      const headers = new Headers(response.headers);
      headers.set(EXPECTED_WINDOW_HEADER, `${window[0]}-${window[1]}`);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    };

    // With push, every state seen is kept, so waits on any instance know the task's age and state.
    const remember = async (response: Response) => {
      if (!webhookUrl || !response.ok) return response;
      const body = (await response.clone().json().catch(() => undefined)) as { data?: unknown } | undefined;
      await states.remember(body?.data);
      return withPushHeader(response);
    };

    try {
      switch (route.operation) {
        case 'result': {
          const refusal = await admit();
          if (refusal) return refusal;
          const owner = identified ? await store.get(ownerKey(route.predictionId)) : undefined;
          // Someone else's task reads as no task at all, so ids cannot be probed.
          if (owner !== undefined && owner !== clientId) return errorResponse(404, 'No such prediction.');
          if (!webhookUrl) {
            let completedId: string | undefined;
            // Timed from the data the relay already parsed: no second parse on the hot read path.
            const response = await forward(
              new Headers(),
              undefined,
              (data) => {
                const valid = isPrediction(data);
                if (valid && (data as { status?: unknown }).status === 'completed') completedId = route.predictionId;
                return valid;
              },
              request.signal,
            );
            if (completedId !== undefined) await timeCompleted(completedId);
            return response;
          }
          const wait = url.searchParams.get('wait');
          if (wait !== null && !/^\d{1,4}$/.test(wait)) return errorResponse(400, `wait must be whole seconds, at most ${MAX_WAIT_SECONDS}.`);
          const waitSeconds = Math.min(MAX_WAIT_SECONDS, Number(wait ?? 0));
          const readUpstream = async () => remember(await forward(new Headers(), undefined, isPrediction, request.signal));
          if (waitSeconds === 0) {
            const known = await states.read(route.predictionId);
            if (known && isTerminalStatus(known.prediction.status)) {
              if (known.prediction.status === 'completed') await timeCompleted(route.predictionId);
              return withPushHeader(jsonResponse(200, JSON.stringify({ code: 200, message: 'success', data: known.raw })));
            }
            return await timeIfCompleted(await readUpstream());
          }
          const answer = await waitForResult({
            store,
            states,
            predictionId: route.predictionId,
            waitMs: waitSeconds * 1000,
            fallbackAfterMs: options.webhook?.fallbackAfterMs ?? 75_000,
            signal: request.signal,
            readUpstream,
          });
          return answer.ok ? withPushHeader(await timeIfCompleted(answer)) : answer;
        }
        case 'upload':
          if (!isMediaType(request, 'multipart/form-data')) return errorResponse(415, 'Send the upload as multipart/form-data.');
          return await streamUpload(request, {
            ...limits,
            overheadBytes: MULTIPART_OVERHEAD_BYTES,
            admit,
            send: (headers, body, signal) => forward(headers, body, isUploadResult, AbortSignal.any([request.signal, signal])),
          });
        case 'optimize':
          return await handlePromptOptimizer(request, {
            admit,
            maxPromptLength: limits.maxPromptLength,
            deadlineMs: optimizeTimeoutMs,
            onError,
            send: (path, body, signal) =>
              forward(new Headers(body === undefined ? {} : { 'content-type': 'application/json' }), body, isPrediction, signal, path),
          });
        case 'submit':
          return await handleSubmit(request, limits, admit, async (input, idempotencyKey) => {
            const run = async (upstreamKey: string) => {
              const headers = new Headers({ 'content-type': 'application/json', 'idempotency-key': upstreamKey });
              // No caller signal: once sent, a submit must finish so its answer can be replayed.
              const response = await forward(headers, input.body, isPrediction);
              if (identified) await recordOwner(response);
              await recordStart(response, input.duration);
              return remember(response);
            };
            // Admitted in handleSubmit, before its body was read.
            if (idempotencyKey === undefined) return withExpectedWindow(await run(crypto.randomUUID()), input.duration);
            // Scoped per client, so one client's key never reveals another's task.
            const scopedKey = await sha256Hex(`${clientId}\n${idempotencyKey}`);
            const answer = await runIdempotent({
              store,
              key: `idem:${scopedKey}`,
              // Over the exact JSON sent upstream (as before: JSON.stringify of the checked input), in slices.
              fingerprint: await sha256HexOfPieces(input.body.pieces),
              windowMs: idempotencyWindowMs,
              pendingMs: Math.min(idempotencyWindowMs, 2 * timeoutMs),
              admit,
              run: () => run(scopedKey),
              onRecordFailed: (error) => onError({ operation: 'submit', outcome: 'store-unavailable', error }),
            });
            return withExpectedWindow(answer, input.duration);
          });
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) return errorResponse(413, error.message);
      if (error instanceof BodyReadError) return errorResponse(400, error.message);
      if (error instanceof StoreUnavailableError) {
        // Fail closed: without the store a submit could bill twice and a read could leak a task.
        onError({ operation: route.operation, outcome: 'store-unavailable', error });
        return errorResponse(503, 'The proxy cannot reach its state store right now; try again shortly.', { headers: { 'retry-after': '2' } });
      }
      onError({ operation: route.operation, outcome: 'proxy-failed', error });
      return errorResponse(500, 'The proxy failed.');
    }
  };
}

async function handleSubmit(
  request: Request,
  limits: ProxyLimits,
  admit: () => Promise<Response | undefined>,
  send: (input: ReadSubmit, idempotencyKey: string | undefined) => Promise<Response>,
): Promise<Response> {
  if (!isMediaType(request, 'application/json')) return errorResponse(415, 'Send the submit as application/json.');
  const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return errorResponse(400, 'The idempotency-key header must be 1–128 letters, digits, or _ . : -');
  }
  // The rate limit before any work on the body. A keyed submit is admitted once it is known to be
  // new (runIdempotent), so a retry that replays the first answer is not charged again.
  if (idempotencyKey === undefined) {
    const refusal = await admit();
    if (refusal) return refusal;
  }
  // Read as it arrives and refused at its first bad byte, in slices of work that never block
  // the process for long, whatever the body (issue #9): see readSubmitBody.
  const read = await readSubmitBody(request, { maxBytes: limits.maxSubmitBytes, maxPromptLength: limits.maxPromptLength, maxKeys: SUBMIT_MAX_KEYS });
  if (read instanceof Response) return read;
  return send(read, idempotencyKey);
}

function isMediaType(request: Request, type: string): boolean {
  const contentType = request.headers.get('content-type') ?? '';
  return contentType.split(';')[0]?.trim().toLowerCase() === type;
}

function isPrediction(data: unknown): boolean {
  return predictionSchema.safeParse(data).success;
}

function isUploadResult(data: unknown): boolean {
  return uploadResultSchema.safeParse(data).success;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
