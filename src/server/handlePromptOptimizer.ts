import { ImageToVideoError } from '../core/ImageToVideoError';
import { parsePromptOptimizerInput } from '../core/parsePromptOptimizerInput';
import type { PromptOptimizerInput } from '../core/promptOptimizerInputSchema';
import { predictionSchema } from '../core/predictionSchema';
import { promptOptimizerUpstreamBody } from '../core/promptOptimizerUpstreamBody';
import type { ProxyErrorEvent } from './ProxyErrorEvent';
import { PROMPT_OPTIMIZER_PATH, WAVESPEED_API_PREFIX } from '../core/protocol';
import { errorResponse } from './errorResponse';
import { readLimitedBody } from './readLimitedBody';

/** The upstream model, fixed: the caller's path never chooses it. */
/** A prompt and an image URL fit many times over; nothing legitimate is bigger. */
const MAX_BODY_BYTES = 64 * 1024;
const PREDICTION_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Between reads of an optimization that sync mode did not finish: short, it takes seconds. */
const READ_DELAYS_MS = [250, 500, 1000];

export interface PromptOptimizerRoute {
  /** The rate limiter's verdict for this client and the `optimize` operation; a `Response` refuses. */
  admit: () => Promise<Response | undefined>;
  /**
   * One upstream call with the server's key: a POST of `body` to `path`, or a GET when there is no
   * body. Answers the relayed response (status kept, key scrubbed, shape checked as a prediction).
   */
  send: (path: string, body: string | undefined, signal: AbortSignal) => Promise<Response>;
  /** Longest prompt, as for the submit. */
  maxPromptLength: number;
  /** The whole optimization, sync answer and any follow-up reads, must finish within this. */
  deadlineMs: number;
  onError: (event: ProxyErrorEvent) => void;
}

/**
 * The proxy's fourth operation: checks a prompt-optimizer request like a submit (JSON only, size
 * cap, prompt limit, http(s) image URL, known style, unknown fields dropped), then asks WaveSpeed
 * in sync mode. If that answer is not finished yet, the result is read until it is, within
 * `deadlineMs`, so the client gets the improved prompt (or the task's failure) in one request.
 */
export async function handlePromptOptimizer(request: Request, route: PromptOptimizerRoute): Promise<Response> {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    return errorResponse(415, 'Send the prompt optimizer request as application/json.');
  }
  const bytes = await readLimitedBody(request, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return errorResponse(400, 'The body is not valid JSON.');
  }
  const text = typeof json === 'object' && json !== null ? (json as { text?: unknown }).text : undefined;
  if (typeof text === 'string' && text.trim().length > route.maxPromptLength) {
    const message = `The prompt can be at most ${route.maxPromptLength} characters.`;
    return errorResponse(413, message, { fieldErrors: { text: [message] } });
  }
  let input: PromptOptimizerInput;
  try {
    input = parsePromptOptimizerInput(json);
  } catch (error) {
    if (error instanceof ImageToVideoError) return errorResponse(422, error.message, { fieldErrors: error.fieldErrors });
    throw error;
  }
  const refusal = await route.admit();
  if (refusal) return refusal;

  const deadline = AbortSignal.timeout(route.deadlineMs);
  const signal = AbortSignal.any([request.signal, deadline]);
  const late = () => {
    route.onError({ operation: 'optimize', outcome: 'timeout' });
    return errorResponse(504, 'The prompt optimizer did not finish in time.');
  };

  let response = await route.send(`${WAVESPEED_API_PREFIX}${PROMPT_OPTIMIZER_PATH}`, promptOptimizerUpstreamBody(input), signal);
  for (let reads = 0; ; reads += 1) {
    if (deadline.aborted) return late();
    if (!response.ok) return response;
    const prediction = predictionSchema.parse(((await response.clone().json()) as { data: unknown }).data);
    if (prediction.status === 'completed' || prediction.status === 'failed') return response;
    if (!PREDICTION_ID.test(prediction.id)) return errorResponse(502, 'WaveSpeed answered with something unexpected.');
    try {
      await delay(READ_DELAYS_MS[Math.min(reads, READ_DELAYS_MS.length - 1)]!, signal);
    } catch {
      return deadline.aborted ? late() : errorResponse(499, 'The request was canceled.');
    }
    response = await route.send(`/api/v3/predictions/${prediction.id}/result`, undefined, signal);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
