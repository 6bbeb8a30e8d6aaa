import * as z from 'zod/mini';

const operation = z.enum(['submit', 'result', 'upload', 'media', 'output']);
// JSON has no Infinity: "all" stands for it.
const count = z.optional(z.union([z.number().check(z.int(), z.positive()), z.literal('all')]));
const scope = { count, operations: z.optional(z.array(operation)) };
const ms = z.number().check(z.nonnegative());
const range = z.union([ms, z.tuple([ms, ms])]);

/** A `SimulatorFault` as JSON, for the control route. */
export const simulatorFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.number().check(z.int(), z.gte(100), z.lte(599)), message: z.optional(z.string()), ...scope }),
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.optional(ms), ...scope }),
  z.object({ kind: z.literal('html'), status: z.optional(z.number().check(z.int(), z.gte(100), z.lte(599))), ...scope }),
  z.object({ kind: z.literal('drop'), during: z.optional(z.enum(['headers', 'body'])), ...scope }),
  z.object({ kind: z.literal('slow'), delayMs: ms, ...scope }),
  z.object({ kind: z.literal('fail-task'), code: z.optional(z.number().check(z.int())), error: z.optional(z.string()), count }),
  z.object({ kind: z.literal('nsfw'), count }),
]);

/** A `SimulatorTiming` as JSON, for the control route. */
export const simulatorTimingSchema = z.union([
  z.enum(['instant', 'demo', 'realistic']),
  z.object({ queueMs: range, processingMs: range }),
]);
