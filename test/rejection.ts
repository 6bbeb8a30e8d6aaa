import { expect } from 'vitest';
import { ImageToVideoError } from '../src/core/ImageToVideoError';

/** Awaits a promise that must reject with an `ImageToVideoError`, and answers that error. */
export async function rejection(promise: Promise<unknown>): Promise<ImageToVideoError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageToVideoError);
  return error as ImageToVideoError;
}
