import { describe, expectTypeOf, it } from 'vitest';
import { createImageToVideoHandler, toNodeHandler, type ImageToVideoHandler } from '../../src/server/index';

/**
 * Next.js's two route checks, restated. `next build --webpack` (and Next 15) demands that a
 * handler's second parameter type be assignable to the route's context; Turbopack's check (Next 16)
 * demands the handler be assignable to its route handler signature. The example app in
 * examples/nextjs runs Next's own build; these fail faster and without installing Next.
 */
type RouteContext = { params: Promise<{ path: string[] }> };
type SecondArg<T> = T extends (...args: [any, infer U]) => any ? (unknown extends U ? any : U) : never; // eslint-disable-line @typescript-eslint/no-explicit-any
type WebpackRouteCheck<T extends { __param_type__: RouteContext }> = T;
type TurbopackRouteHandler = (request: Request, context: RouteContext) => Response | void | Promise<Response | void>;

describe('the handler as a Next.js route export', () => {
  it('passes the webpack route check on its second parameter', () => {
    type Checked = WebpackRouteCheck<{ __param_type__: SecondArg<ImageToVideoHandler> }>;
    expectTypeOf<Checked>().not.toBeNever();
  });

  it('is assignable to a Turbopack route handler', () => {
    expectTypeOf(createImageToVideoHandler()).toExtend<TurbopackRouteHandler>();
  });

  it('still takes a HandlerContext, and still plugs into toNodeHandler', () => {
    const handler = createImageToVideoHandler();
    expectTypeOf(handler).toBeCallableWith(new Request('https://app.example/'), { clientAddress: '10.0.0.1' });
    expectTypeOf(toNodeHandler).toBeCallableWith(handler);
  });
});
