import { http, HttpResponse, type HttpHandler } from 'msw';
import { ImageToVideoError } from '../core/ImageToVideoError';
import { parsePromptOptimizerInput } from '../core/parsePromptOptimizerInput';
import type { PromptOptimizerInput } from '../core/promptOptimizerInputSchema';
import { promptOptimizerUpstreamBody } from '../core/promptOptimizerUpstreamBody';
import { createSimulator, SimulatedDropError, type Simulator, type SimulatorOptions } from './createSimulator';

export interface ProxyHandlersOptions extends Omit<SimulatorOptions, 'basePath' | 'publicUrl'> {
  /** Where the client reaches the proxy; the `baseUrl` given to `createProxyTransport`. Default `'/api/wavespeed'`. */
  baseUrl?: string;
  /** The path the simulator's uploads and videos are served under, on the proxy's origin. Default `'/__simulator'`. */
  simulatorPath?: string;
}

export interface ProxyHandlers {
  /** Pass to `setupServer(...)` (msw/node), `setupWorker(...)` (msw/browser) or `worker.use(...)`. */
  handlers: HttpHandler[];
  /** The simulator behind the handlers: inject faults, change timing, read `requests`. */
  simulator: Simulator;
}

const PROMPT_OPTIMIZER_PATH = '/api/v3/wavespeed-ai/prompt-optimizer';
/** Reads of an unfinished optimization before the handlers give up, 100 ms apart. */
const OPTIMIZER_MAX_READS = 200;

/** Stands in for the server's key between the handlers and the simulator; it never means anything. */
const HANDLER_KEY = 'msw-handlers-fake-key';

/**
 * MSW handlers for the proxy's four routes (`POST …/luma/ray-2-flash-i2v`,
 * `GET …/predictions/:id/result`, `POST …/media/upload/binary`, `POST …/prompt-optimizer`), answered by an in-process
 * simulator, plus the simulator's own media and video URLs. Requests keep their real HTTP shape
 * end to end: multipart uploads, status codes, `Retry-After`, ranges on the video, broken
 * connections as network errors. Like the proxy, a repeated `idempotency-key` answers the first
 * task instead of creating a second one.
 *
 * The only module of `react-image-to-video/testing` that needs `msw` (an optional peer).
 */
export function createProxyHandlers(options: ProxyHandlersOptions = {}): ProxyHandlers {
  const { baseUrl: rawBase = '/api/wavespeed', simulatorPath: rawSimPath = '/__simulator', ...simulatorOptions } = options;
  const baseUrl = rawBase.replace(/\/+$/, '');
  const simulatorPath = `/${rawSimPath.replace(/^\/+|\/+$/g, '')}`;
  // An absolute `baseUrl` (Node tests have no page origin) puts the simulator's files on its origin.
  const origin = /^https?:\/\//.test(baseUrl) ? new URL(baseUrl).origin : '';
  const simulator = createSimulator({ ...simulatorOptions, basePath: simulatorPath });
  const key = simulatorOptions.apiKey ?? HANDLER_KEY;
  const submitted = new Map<string, Promise<{ status: number; body: string; headers: [string, string][] }>>();

  async function forward(request: Request, upstreamPath: string): Promise<Response> {
    const url = new URL(request.url);
    const headers = new Headers({ authorization: `Bearer ${key}` });
    const type = request.headers.get('content-type');
    if (type) headers.set('content-type', type);
    const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
    return answer(new Request(`${url.origin}${simulatorPath}${upstreamPath}`, { method: request.method, headers, body }));
  }

  /** The simulator's answer; an injected drop becomes the network error MSW answers with. */
  async function answer(request: Request): Promise<Response> {
    try {
      return await simulator.handler(request);
    } catch (error) {
      if (error instanceof SimulatedDropError) return HttpResponse.error();
      throw error;
    }
  }

  async function submit(request: Request): Promise<Response> {
    const intent = request.headers.get('idempotency-key');
    if (!intent) return forward(request, '/api/v3/luma/ray-2-flash-i2v');
    let first = submitted.get(intent);
    if (!first) {
      first = forward(request, '/api/v3/luma/ray-2-flash-i2v').then(async (response) => ({
        status: response.status,
        body: await response.text(),
        headers: [...response.headers],
      }));
      submitted.set(intent, first);
      // Only an accepted task is remembered; a failed submit may be tried again with the same key.
      void first.then((answer) => answer.status === 200 || submitted.delete(intent), () => submitted.delete(intent));
    }
    try {
      const { status, body, headers } = await first;
      return new Response(body, { status, headers });
    } catch {
      return HttpResponse.error();
    }
  }

  /** As the proxy does: checked input, a video prompt in sync mode, reads until it is finished. */
  async function optimize(request: Request): Promise<Response> {
    let input: PromptOptimizerInput;
    try {
      input = parsePromptOptimizerInput(await request.clone().json());
    } catch (error) {
      const invalid = error instanceof ImageToVideoError ? error : undefined;
      return HttpResponse.json(
        { code: 422, message: invalid?.message ?? 'The body is not valid JSON.', fieldErrors: invalid?.fieldErrors },
        { status: 422 },
      );
    }
    const url = new URL(request.url);
    const upstream = `${url.origin}${simulatorPath}`;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    let response = await answer(
      new Request(`${upstream}${PROMPT_OPTIMIZER_PATH}`, { method: 'POST', headers, body: promptOptimizerUpstreamBody(input) }),
    );
    for (let reads = 0; reads < OPTIMIZER_MAX_READS && response.ok; reads += 1) {
      const body = (await response.clone().json()) as { data?: { id?: string; status?: string } };
      if (body.data?.status !== 'processing' && body.data?.status !== 'created') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      response = await answer(new Request(`${upstream}/api/v3/predictions/${String(body.data.id)}/result`, { headers }));
    }
    return response;
  }

  const handlers: HttpHandler[] = [
    http.post(`${baseUrl}/luma/ray-2-flash-i2v`, ({ request }) => submit(request)),
    http.get(`${baseUrl}/predictions/:id/result`, ({ request, params }) => forward(request, `/api/v3/predictions/${String(params.id)}/result`)),
    http.post(`${baseUrl}/media/upload/binary`, ({ request }) => forward(request, '/api/v3/media/upload/binary')),
    http.post(`${baseUrl}/prompt-optimizer`, ({ request }) => optimize(request)),
    // Anything else under the proxy is refused, as the real proxy does; nothing falls through to the network.
    http.all(`${baseUrl}/*`, () => HttpResponse.json({ code: 404, message: 'Not found.' }, { status: 404 })),
    http.get(`${origin}${simulatorPath}/*`, ({ request }) => answer(request)),
  ];
  return { handlers, simulator };
}
