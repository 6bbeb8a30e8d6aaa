import { DEFAULT_MAX_IMAGE_BYTES } from '../core/preflight/checkImageFile';
import {
  isPredictionId,
  RESULT_PATH_PATTERN,
  PROMPT_OPTIMIZER_MODEL,
  PROMPT_OPTIMIZER_PATH,
  resultPath,
  SUBMIT_PATH,
  UPLOAD_PATH,
  VIDEO_DIMENSIONS,
  VIDEO_DURATIONS,
  VIDEO_SIZES,
  WAVESPEED_API_PREFIX,
  WAVESPEED_MODEL,
} from '../core/protocol';
import { createWebhookSender, type SimulatorWebhook, type WebhookFaultMode } from './createWebhookSender';
import { placeholderVideo } from './placeholderVideo';
import { simulatedPromptRewrite } from './simulatedPromptRewrite';

/** What a simulated request was: the four API operations, the webhook secret, or a fetch of stored media/outputs. */
export type SimulatorOperation = 'submit' | 'result' | 'upload' | 'optimize' | 'media' | 'output' | 'webhook-secret';

/** The source image handed to `renderVideo`: its bytes and declared type. */
export interface SourceImage {
  bytes: Uint8Array;
  type: string;
}

export interface RenderVideoOptions {
  width: number;
  height: number;
  durationSeconds: number;
  prompt: string;
}

/** Turns the submitted image into MP4 bytes of the requested size and length. */
export type RenderVideo = (image: SourceImage, options: RenderVideoOptions) => Promise<Uint8Array>;

/** How long tasks take: a preset, or fixed/ranged phases in ms. */
export type SimulatorTiming =
  | 'instant'
  | 'demo'
  | 'realistic'
  | { queueMs: number | readonly [number, number]; processingMs: number | readonly [number, number] };

interface FaultScope {
  /** How many matching requests (or tasks) it affects. Default 1; `Infinity` for all. */
  count?: number;
  /** Which operations it hits. Default the four API operations. */
  operations?: readonly SimulatorOperation[];
}

/**
 * A fault to inject. Request faults hit the next matching requests; task faults (`fail-task`,
 * `nsfw`) shape the next submitted tasks.
 */
export type SimulatorFault =
  | (FaultScope & { kind: 'status'; status: number; message?: string })
  | (FaultScope & { kind: 'rate-limit'; retryAfterSeconds?: number })
  | (FaultScope & { kind: 'html'; status?: number })
  | (FaultScope & { kind: 'drop'; during?: 'headers' | 'body' })
  | (FaultScope & { kind: 'slow'; delayMs: number })
  | { kind: 'fail-task'; code?: number; error?: string; count?: number }
  | { kind: 'nsfw'; count?: number }
  /**
   * How the next tasks' webhooks misbehave: `none` never delivers, `late` delivers `lateMs`
   * (default 30 000) after the finish, `twice` delivers again under a new id, and
   * `wrong-signature-first` signs the first try with a wrong secret (then retries correctly).
   */
  | { kind: 'webhook'; mode: WebhookFaultMode; lateMs?: number; count?: number };

export interface SimulatorOptions {
  /** The key callers must send as `Authorization: Bearer …`. Default: any non-empty bearer token. */
  apiKey?: string;
  /** A path prefix for every route, when mounted inside another server (`'/__simulator'`). Default `''`. */
  basePath?: string;
  /** The absolute URL the simulator is reached at, including `basePath`, for output/media URLs. Default: each request's origin plus `basePath`. */
  publicUrl?: string;
  /** Default `'demo'`: about 0.5 s queued and 2.5–4 s processing. `'realistic'` totals 30–65 s. */
  timing?: SimulatorTiming;
  /** The clock for task timing, so tests can run in fake time. Default `Date.now`. */
  now?: () => number;
  /** Randomness for timing ranges, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Renders outputs from the submitted image. Default: every output is a tiny placeholder MP4 and the image is never fetched. */
  renderVideo?: RenderVideo;
  /** Fetches submitted images that are not the simulator's own uploads (only with `renderVideo`). Default the global `fetch`. */
  fetchImage?: typeof fetch;
  /** Outputs answer 403 this long after the task completes. Default never. */
  outputTtlMs?: number;
  /** Largest upload accepted. Default 20 MiB, as documented. */
  maxUploadBytes?: number;
  /** Faults active from the start. */
  faults?: readonly SimulatorFault[];
  /**
   * How long a prompt optimization takes, in ms on the simulator's clock. Default 0: sync mode
   * answers the improved prompt at once. Longer, sync mode answers `processing` (as WaveSpeed's
   * may when the work outlives its wait) and result reads complete once the time has passed.
   */
  optimizerMs?: number;
  /** The account's webhook secret, served on `GET /api/v3/webhook/secret`. Default a random `whsec_…`. */
  webhookSecret?: string;
  /** Sends webhooks (the in-process proxy handler, say). Default the global `fetch`. */
  postWebhook?: typeof fetch;
}

/** A request as the simulator received it, for assertions. */
export interface SimulatorRequest {
  operation: SimulatorOperation | 'unknown';
  method: string;
  /** Path and query, as received. */
  path: string;
  headers: Record<string, string>;
  /** The text of a JSON body. */
  body?: string;
  /** For uploads: the form's field names and its file. */
  form?: { fields: string[]; file?: { name: string; type: string; size: number } };
}

export interface Simulator {
  /** The fetch-standard handler: mount it in a server or call it in-process. */
  handler(request: Request): Promise<Response>;
  /** A `fetch` that calls the handler in-process; injected drops reject like a network failure. */
  fetch: typeof fetch;
  inject(fault: SimulatorFault): void;
  clearFaults(): void;
  setTiming(timing: SimulatorTiming): void;
  /** Every request received so far, oldest first. */
  readonly requests: readonly SimulatorRequest[];
  /** Number of tasks created so far. */
  readonly taskCount: number;
  /** Every webhook delivery attempt so far, oldest first. */
  readonly webhooks: readonly SimulatorWebhook[];
  /** The secret webhooks are signed with. */
  readonly webhookSecret: string;
  /** Forgets tasks, uploads, requests and faults. */
  reset(): void;
}

/** Thrown by the in-process handler for an injected dropped connection; servers destroy the socket. */
export class SimulatedDropError extends TypeError {
  override readonly name = 'SimulatedDropError';
  constructor() {
    super('fetch failed: the simulator dropped the connection.');
  }
}

interface Task {
  id: string;
  prompt: string;
  image: string;
  width: number;
  height: number;
  duration: number;
  createdAt: number;
  startsAt: number;
  finishesAt: number;
  failure?: { code: number; error: string };
  nsfw: boolean;
  video?: Uint8Array;
  renderFailure?: { code: number; error: string };
  /** When the renderer finished, on the simulator's clock. */
  renderedAt?: number;
  origin: string;
  /** Where to deliver the completion webhook, when the submit asked for one. */
  webhook?: { url: string; mode: WebhookFaultMode | undefined; lateMs: number };
}

interface Optimization {
  id: string;
  text: string;
  createdAt: number;
  finishesAt: number;
  origin: string;
}

interface Upload {
  bytes: Uint8Array;
  type: string;
  filename: string;
}

const PRESETS = {
  instant: { queueMs: 0, processingMs: 0 },
  demo: { queueMs: 500, processingMs: [2500, 4000] },
  realistic: { queueMs: [2000, 5000], processingMs: [28_000, 60_000] },
} as const;
const API_OPERATIONS: readonly SimulatorOperation[] = ['submit', 'result', 'upload', 'optimize'];
const OPTIMIZER_MODEL = PROMPT_OPTIMIZER_MODEL;
/** How often a finished-in-time task checks whether its renderer is done, to send its webhook. */
const WEBHOOK_CHECK_MS = 100;

/**
 * A WaveSpeed-compatible upstream for demos and tests: the four operations with their envelopes,
 * tasks that move `created → processing → completed` (or `failed` with a task code), real MP4
 * outputs when given a renderer, and knobs for the faults a real upstream has.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  let timing: SimulatorTiming = options.timing ?? 'demo';
  let faults: Array<SimulatorFault & { remaining: number }> = [];
  let requests: SimulatorRequest[] = [];
  let tasks = new Map<string, Task>();
  let uploads = new Map<string, Upload>();
  let optimizations = new Map<string, Optimization>();
  let webhooks: SimulatorWebhook[] = [];
  const webhookSecret = options.webhookSecret ?? `whsec_${crypto.randomUUID().replaceAll('-', '')}`;
  const sender = createWebhookSender({
    secret: webhookSecret,
    post: (input, init) => (options.postWebhook ?? fetch)(input, init),
    now,
    record: (webhook) => webhooks.push(webhook),
  });
  for (const fault of options.faults ?? []) inject(fault);

  function inject(fault: SimulatorFault): void {
    faults.push({ ...fault, remaining: fault.count ?? 1 });
  }

  function takeFault<K extends SimulatorFault['kind']>(kind: K, operation?: SimulatorOperation): Extract<SimulatorFault, { kind: K }> | undefined {
    const fault = faults.find((f) => {
      if (f.kind !== kind || f.remaining <= 0) return false;
      if (operation === undefined) return true;
      const scope = 'operations' in f && f.operations ? f.operations : API_OPERATIONS;
      return scope.includes(operation);
    });
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    // `find` matched on `kind`, which TypeScript cannot carry through a generic.
    return fault as unknown as Extract<SimulatorFault, { kind: K }>;
  }

  function pick(value: number | readonly [number, number]): number {
    return typeof value === 'number' ? value : value[0] + (value[1] - value[0]) * random();
  }

  function phases(duration: number): { queueMs: number; processingMs: number } {
    const t = typeof timing === 'string' ? PRESETS[timing] : timing;
    // A 10 s clip takes longer to render than a 5 s one.
    const scale = duration === 10 ? 1.5 : 1;
    return { queueMs: Math.round(pick(t.queueMs)), processingMs: Math.round(pick(t.processingMs) * scale) };
  }

  function originOf(request: Request): string {
    return options.publicUrl?.replace(/\/+$/, '') ?? `${new URL(request.url).origin}${basePath}`;
  }

  function prediction(task: Task) {
    const time = now();
    let status: 'created' | 'processing' | 'completed' | 'failed' = 'created';
    let failure: { code: number; error: string } | undefined;
    if (time >= task.startsAt) status = 'processing';
    if (time >= task.finishesAt) {
      failure = task.failure ?? task.renderFailure;
      if (failure) status = 'failed';
      // The clip is done when both the simulated time has passed and the renderer has finished.
      else if (isCompleted(task, time)) status = 'completed';
    }
    const completed = status === 'completed';
    return {
      id: task.id,
      model: WAVESPEED_MODEL,
      outputs: completed ? [`${task.origin}/outputs/${task.id}.mp4`] : [],
      urls: { get: `${task.origin}${WAVESPEED_API_PREFIX}${resultPath(task.id)}` },
      has_nsfw_contents: completed ? [task.nsfw] : [],
      status,
      created_at: new Date(task.createdAt).toISOString(),
      error: failure?.error ?? '',
      ...(failure ? { code: failure.code } : {}),
      timings: { inference: completed ? completedAt(task) - task.startsAt : failure ? task.finishesAt - task.startsAt : 0 },
    };
  }

  async function render(task: Task): Promise<void> {
    if (!options.renderVideo) {
      task.video = placeholderVideo();
      task.renderedAt = now();
      return;
    }
    const image = await loadImage(task.image);
    if (!image) {
      task.renderFailure = { code: 1402, error: 'The image could not be downloaded.' };
      return;
    }
    try {
      task.video = await options.renderVideo(image, {
        width: task.width,
        height: task.height,
        durationSeconds: task.duration,
        prompt: task.prompt,
      });
      task.renderedAt = now();
    } catch {
      task.renderFailure = { code: 1403, error: 'The task failed: the image could not be turned into a video.' };
    }
  }

  async function loadImage(image: string): Promise<SourceImage | undefined> {
    const dataUri = /^data:(image\/[a-z+.-]+);base64,(.*)$/i.exec(image);
    if (dataUri) {
      try {
        return { type: dataUri[1]!, bytes: Uint8Array.from(atob(dataUri[2]!), (c) => c.charCodeAt(0)) };
      } catch {
        return undefined;
      }
    }
    let url: URL;
    try {
      url = new URL(image);
    } catch {
      return undefined;
    }
    const own = new RegExp(`^${escapeRegExp(basePath)}/media/([A-Za-z0-9-]+)/`).exec(url.pathname);
    const upload = own ? uploads.get(own[1]!) : undefined;
    if (upload) return { bytes: upload.bytes, type: upload.type };
    try {
      const response = await (options.fetchImage ?? fetch)(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return undefined;
      return { bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get('content-type') ?? '' };
    } catch {
      return undefined;
    }
  }

  function authorized(request: Request): boolean {
    const header = request.headers.get('authorization') ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    return options.apiKey === undefined ? Boolean(token) : token === options.apiKey;
  }

  async function submit(request: Request): Promise<Response> {
    const body = await readJsonObject(request);
    if (!body) return fail(400, 'The request body must be a JSON object.');
    const { image, prompt } = body;
    const size = VIDEO_SIZES.find((known) => known === (body.size ?? '1280*720'));
    const duration = VIDEO_DURATIONS.find((known) => known === (body.duration ?? 5));
    if (typeof image !== 'string' || image === '') return fail(400, 'image is required.');
    if (typeof prompt !== 'string' || prompt === '') return fail(400, 'prompt is required.');
    if (!size) return fail(400, `size must be one of ${VIDEO_SIZES.join(', ')}.`);
    if (duration === undefined) return fail(400, `duration must be one of ${VIDEO_DURATIONS.join(', ')}.`);
    const dimensions = VIDEO_DIMENSIONS[size];

    const id = crypto.randomUUID().replaceAll('-', '');
    const createdAt = now();
    const { queueMs, processingMs } = phases(duration);
    const failFault = takeFault('fail-task');
    const task: Task = {
      id,
      prompt,
      image,
      width: dimensions[0],
      height: dimensions[1],
      duration,
      createdAt,
      startsAt: createdAt + queueMs,
      finishesAt: createdAt + queueMs + processingMs,
      failure: failFault ? { code: failFault.code ?? 1403, error: failFault.error ?? `The task failed (code ${failFault.code ?? 1403}).` } : undefined,
      nsfw: false,
      origin: originOf(request),
    };
    // A failed task has no output to flag, so it leaves the NSFW fault for the next one.
    if (!task.failure) task.nsfw = takeFault('nsfw') !== undefined;
    const webhookUrl = new URL(request.url).searchParams.get('webhook');
    if (webhookUrl) {
      const fault = takeFault('webhook');
      task.webhook = { url: webhookUrl, mode: fault?.mode, lateMs: fault?.lateMs ?? 30_000 };
    }
    tasks.set(id, task);
    if (!task.failure) void render(task);
    if (task.webhook) sender.later(Math.max(0, task.finishesAt - now()), () => sendWhenDone(task));
    return envelope(prediction(task));
  }

  function optimizationPrediction(job: Optimization) {
    const done = now() >= job.finishesAt;
    return {
      id: job.id,
      model: OPTIMIZER_MODEL,
      outputs: done ? [job.text] : [],
      urls: { get: `${job.origin}/api/v3/predictions/${job.id}/result` },
      has_nsfw_contents: done ? [false] : [],
      status: done ? 'completed' : 'processing',
      created_at: new Date(job.createdAt).toISOString(),
      error: '',
      timings: { inference: done ? job.finishesAt - job.createdAt : 0 },
    };
  }

  async function optimize(request: Request): Promise<Response> {
    const body = await readJsonObject(request);
    if (!body) return fail(400, 'The request body must be a JSON object.');
    const { text, style = 'default', mode = 'image' } = body;
    if (typeof text !== 'string' || text.trim() === '') return fail(400, 'text is required.');
    if (typeof style !== 'string' || !['default', 'artistic', 'photographic', 'technical', 'anime', 'realistic'].includes(style)) {
      return fail(400, 'style must be one of default, artistic, photographic, technical, anime, realistic.');
    }
    if (mode !== 'image' && mode !== 'video') return fail(400, 'mode must be one of image, video.');
    const createdAt = now();
    const job: Optimization = {
      id: crypto.randomUUID().replaceAll('-', ''),
      text: simulatedPromptRewrite(text, style),
      createdAt,
      finishesAt: createdAt + (options.optimizerMs ?? 0),
      origin: originOf(request),
    };
    optimizations.set(job.id, job);
    return envelope(optimizationPrediction(job));
  }

  /** Sends the task's webhook once it is terminal: the finish time has passed and the renderer is done. */
  function sendWhenDone(task: Task): void {
    if (tasks.get(task.id) !== task || !task.webhook) return;
    const data = prediction(task);
    if (data.status !== 'completed' && data.status !== 'failed') {
      sender.later(WEBHOOK_CHECK_MS, () => sendWhenDone(task));
      return;
    }
    // The bare prediction, no envelope: the webhook body WaveSpeed documents.
    sender.send({ ...task.webhook, taskId: task.id, status: data.status, body: JSON.stringify(data) });
  }

  async function upload(request: Request): Promise<Response> {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > maxUploadBytes + 16 * 1024) return fail(413, `The file is larger than ${maxUploadBytes} bytes.`);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return fail(400, 'Send a multipart form with a file field.');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') return fail(400, 'file is required.');
    if (file.size > maxUploadBytes) return fail(413, `The file is larger than ${maxUploadBytes} bytes.`);
    const id = crypto.randomUUID();
    const filename = file.name.replace(/[^A-Za-z0-9._-]/g, '_') || 'image';
    uploads.set(id, { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type || 'application/octet-stream', filename });
    const type = file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'file';
    return envelope({ type, download_url: `${originOf(request)}/media/${id}/${filename}`, filename, size: file.size });
  }

  function output(request: Request, id: string): Response {
    const task = tasks.get(id);
    const time = now();
    if (!task?.video || !isCompleted(task, time)) return new Response('Not found', { status: 404 });
    if (options.outputTtlMs !== undefined && time - completedAt(task) > options.outputTtlMs) {
      return new Response('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', {
        status: 403,
        headers: { 'content-type': 'application/xml' },
      });
    }
    return serveBytes(request, task.video, 'video/mp4');
  }

  function recordRequest(request: Request, operation: SimulatorRequest['operation'], extra: Partial<SimulatorRequest>): void {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({ operation, method: request.method, path: url.pathname + url.search, headers, ...extra });
  }

  async function handler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : '';
    const route = routeOf(request.method, path);

    let extra: Partial<SimulatorRequest> = {};
    if (route.operation === 'submit' || route.operation === 'optimize') {
      const text = await request.clone().text();
      extra = { body: text };
    } else if (route.operation === 'upload') {
      extra = { form: await describeForm(request.clone()) };
    }
    recordRequest(request, route.operation, extra);
    if (route.operation === 'unknown') return fail(404, 'Not found.');

    const op = route.operation;
    const slow = takeFault('slow', op);
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs));
    const drop = takeFault('drop', op);
    if (drop && drop.during !== 'body') throw new SimulatedDropError();
    const response = await answer(request, route);
    return drop ? breakBody(response) : response;
  }

  async function answer(request: Request, route: Route): Promise<Response> {
    const op = route.operation;
    if (op === 'unknown') return fail(404, 'Not found.');
    const status = takeFault('status', op);
    if (status) return fail(status.status, status.message ?? `Simulated error ${status.status}.`);
    const limited = takeFault('rate-limit', op);
    if (limited) {
      return fail(429, 'Too many requests.', { 'retry-after': String(limited.retryAfterSeconds ?? 1) });
    }
    const html = takeFault('html', op);
    if (html) {
      const code = html.status ?? 502;
      return new Response(`<html><head><title>${code}</title></head><body><h1>${code} Bad Gateway</h1></body></html>`, {
        status: code,
        headers: { 'content-type': 'text/html' },
      });
    }

    if (op === 'media') {
      const file = uploads.get(route.id);
      return file ? serveBytes(request, file.bytes, file.type) : new Response('Not found', { status: 404 });
    }
    if (op === 'output') return output(request, route.id);
    if (!authorized(request)) return fail(401, 'Unauthorized: the API key is missing or invalid.');
    if (op === 'submit') return submit(request);
    if (op === 'upload') return upload(request);
    if (op === 'optimize') return optimize(request);
    if (op === 'webhook-secret') return envelope({ secret: webhookSecret });
    const task = tasks.get(route.id);
    if (task) return envelope(prediction(task));
    const job = optimizations.get(route.id);
    return job ? envelope(optimizationPrediction(job)) : fail(404, 'Prediction not found.');
  }

  const simulator: Simulator = {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    inject,
    clearFaults() {
      faults = [];
    },
    setTiming(next) {
      timing = next;
    },
    get requests() {
      return requests;
    },
    get taskCount() {
      return tasks.size;
    },
    get webhooks() {
      return webhooks;
    },
    webhookSecret,
    reset() {
      sender.cancelAll();
      webhooks = [];
      faults = [];
      requests = [];
      tasks = new Map();
      uploads = new Map();
      optimizations = new Map();
    },
  };
  return simulator;
}

type Route = { operation: SimulatorOperation | 'unknown'; id: string };

function routeOf(method: string, path: string): Route {
  const api = path.startsWith(`${WAVESPEED_API_PREFIX}/`) ? path.slice(WAVESPEED_API_PREFIX.length) : undefined;
  if (method === 'POST' && api === SUBMIT_PATH) return { operation: 'submit', id: '' };
  if (method === 'POST' && api === UPLOAD_PATH) return { operation: 'upload', id: '' };
  if (method === 'POST' && path === `${WAVESPEED_API_PREFIX}${PROMPT_OPTIMIZER_PATH}`) return { operation: 'optimize', id: '' };
  if (method === 'GET') {
    if (api === '/webhook/secret') return { operation: 'webhook-secret', id: '' };
    // Newer docs also name the result `/predictions/{id}` (and `urls.get` may point there): serve both.
    const result = api === undefined ? null : RESULT_PATH_PATTERN.exec(api.endsWith('/result') ? api : `${api}/result`);
    if (result && isPredictionId(result[1]!)) return { operation: 'result', id: result[1]! };
    const media = /^\/media\/([A-Za-z0-9-]+)\/[^/]+$/.exec(path);
    if (media) return { operation: 'media', id: media[1]! };
    const output = /^\/outputs\/([^/]+)\.mp4$/.exec(path);
    if (output && isPredictionId(output[1]!)) return { operation: 'output', id: output[1]! };
  }
  return { operation: 'unknown', id: '' };
}

async function describeForm(request: Request): Promise<SimulatorRequest['form']> {
  try {
    const form = await request.formData();
    const file = form.get('file');
    return {
      fields: [...new Set(form.keys())],
      file: file && typeof file !== 'string' ? { name: file.name, type: file.type, size: file.size } : undefined,
    };
  } catch {
    return { fields: [] };
  }
}

function envelope(data: unknown): Response {
  return Response.json({ code: 200, message: 'success', data });
}

function fail(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ code: status, message }, { status, headers });
}

/** Serves bytes with single-range support, which video elements use to seek. */
function serveBytes(request: Request, bytes: Uint8Array, type: string): Response {
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const size = bytes.byteLength;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
    }
    return new Response(bytes.slice(start, end + 1), {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` },
    });
  }
  return new Response(bytes.slice(), { headers });
}

/** Sends the status and headers, then a little of the body, then breaks the connection. */
function breakBody(response: Response): Response {
  const reader = response.body?.getReader();
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent && reader) {
        const { value } = await reader.read();
        sent = true;
        if (value) controller.enqueue(value.slice(0, Math.max(1, Math.floor(value.byteLength / 2))));
        return;
      }
      controller.error(new SimulatedDropError());
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** Done when both the simulated time has passed and the renderer has finished. */
function completedAt(task: Task): number {
  return Math.max(task.finishesAt, task.renderedAt ?? Infinity);
}

function isCompleted(task: Task, time: number): boolean {
  return task.video !== undefined && !task.failure && time >= completedAt(task);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The request's body when it is one JSON object, else `undefined`. */
async function readJsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await request.text());
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
