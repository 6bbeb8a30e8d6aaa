import * as z from 'zod/mini';
import type { Simulator, SimulatorFault } from './createSimulator';
import { simulatorFaultSchema, simulatorTimingSchema } from './simulatorFaultSchema';

/** Where the control route lives on a simulator server. */
export const SIMULATOR_CONTROL_PATH = '/__simulator/control';

/** True for 127.0.0.0/8 and ::1, also IPv4-mapped (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

async function readJson<T>(request: Request, schema: z.ZodMiniType<T>): Promise<T | Response> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await request.text());
  } catch {
    return json(400, { error: 'The body is not JSON.' });
  }
  const result = z.safeParse(schema, parsed);
  if (!result.success) return json(400, { error: 'The body is not valid.', issues: result.error.issues });
  return result.data;
}

/**
 * The simulator's control route: `inject`, `clearFaults`, `setTiming` and `reset` over HTTP, for a
 * test runner in another process. Answers `undefined` for paths that are not its own.
 *
 * - `POST   …/faults`  body: a `SimulatorFault` (`count: "all"` for every match) → 204
 * - `DELETE …/faults`  → 204
 * - `PUT    …/timing`  body: a `SimulatorTiming` → 204
 * - `POST   …/reset`   → 204
 * - `GET    …/state`   → `{ taskCount, requests }`
 *
 * Only loopback callers; and no browser request (one carrying `Origin`) nor one whose `Host` is
 * not loopback, so a web page cannot reach it (also not by DNS rebinding).
 */
export async function handleSimulatorControl(
  simulator: Simulator,
  request: Request,
  remoteAddress: string | undefined,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (url.pathname !== SIMULATOR_CONTROL_PATH && !url.pathname.startsWith(`${SIMULATOR_CONTROL_PATH}/`)) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const hostIsLoopback = host === 'localhost' || isLoopbackAddress(host);
  if (!isLoopbackAddress(remoteAddress) || !hostIsLoopback || request.headers.has('origin')) {
    return json(403, { error: 'The simulator control route answers loopback callers only, never browsers.' });
  }
  const route = `${request.method} ${url.pathname.slice(SIMULATOR_CONTROL_PATH.length)}`;
  switch (route) {
    case 'POST /faults': {
      const fault = await readJson(request, simulatorFaultSchema);
      if (fault instanceof Response) return fault;
      const next = 'count' in fault && fault.count === 'all' ? { ...fault, count: Infinity } : fault;
      simulator.inject(next as SimulatorFault);
      return new Response(null, { status: 204 });
    }
    case 'DELETE /faults':
      simulator.clearFaults();
      return new Response(null, { status: 204 });
    case 'PUT /timing': {
      const timing = await readJson(request, simulatorTimingSchema);
      if (timing instanceof Response) return timing;
      simulator.setTiming(timing);
      return new Response(null, { status: 204 });
    }
    case 'POST /reset':
      simulator.reset();
      return new Response(null, { status: 204 });
    case 'GET /state':
      return json(200, { taskCount: simulator.taskCount, requests: simulator.requests });
    default:
      return json(404, { error: `No control route ${route}.` });
  }
}
