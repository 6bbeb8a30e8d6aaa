import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ImagePreflightError, type PreflightedImage, type PreflightOptions } from '../../src/core/preflight';
import type { VideoSize } from '../../src/core/submitInputSchema';
import { usePreparedImage, type UsePreparedImageOptions } from '../../src/hooks/usePreparedImage';

/** A preflight that settles only when the test says, recording each attempt. */
function heldPreflight() {
  const attempts: { file: Blob; options: PreflightOptions; resolve: (result: PreflightedImage) => void; reject: (error: unknown) => void }[] = [];
  const preflight = vi.fn(
    (file: Blob, options: PreflightOptions) => new Promise<PreflightedImage>((resolve, reject) => attempts.push({ file, options, resolve, reject })),
  );
  return { attempts, preflight };
}

const framed = (size: VideoSize): PreflightedImage => {
  const [width, height] = size.split('*').map(Number) as [number, number];
  return { blob: new Blob([size], { type: 'image/jpeg' }), width, height, processed: true };
};

const photo = () => new File([new Uint8Array(8)], 'photo.jpg', { type: 'image/jpeg' });

function setup(initial: Omit<UsePreparedImageOptions, 'preflight'>) {
  const held = heldPreflight();
  const onSettled = vi.fn();
  const hook = renderHook(
    (props: Omit<UsePreparedImageOptions, 'preflight'>) => {
      return usePreparedImage({ ...props, preflight: held.preflight, onSettled });
    },
    { initialProps: initial },
  );
  return { ...held, ...hook, onSettled };
}

describe('usePreparedImage', () => {
  it('derives its status from the source and size in the very render they change', async () => {
    const file = photo();
    const { attempts, result, rerender } = setup({ source: null });
    expect(result.current.status).toBe('idle');
    rerender({ source: file });
    expect(result.current).toMatchObject({ status: 'preparing', prepared: undefined });
    await waitFor(() => expect(attempts).toHaveLength(1));
    await act(async () => attempts[0]!.resolve(framed('1280*720')));
    expect(result.current).toMatchObject({ status: 'ready', prepared: { source: file, size: '1280*720', width: 1280 } });

    rerender({ source: file, size: '720*1280' });
    // Not ready for the new size in this same render, yet the last framing is there to preview.
    expect(result.current).toMatchObject({ status: 'preparing', prepared: undefined, lastPrepared: { size: '1280*720' } });
    await waitFor(() => expect(attempts).toHaveLength(2));
    await act(async () => attempts[1]!.resolve(framed('720*1280')));
    expect(result.current).toMatchObject({ status: 'ready', prepared: { size: '720*1280', height: 1280 } });

    rerender({ source: null });
    expect(result.current.status).toBe('idle');
  });

  it('gives each attempt its own signal, aborted when superseded or unmounted, and reports only the live one', async () => {
    const first = photo();
    const second = photo();
    const { attempts, result, rerender, unmount, onSettled } = setup({ source: first });
    await waitFor(() => expect(attempts).toHaveLength(1));
    rerender({ source: second });
    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[0]!.options.signal!.aborted).toBe(true);
    expect(attempts[1]!.options.signal).not.toBe(attempts[0]!.options.signal);
    await act(async () => attempts[0]!.resolve(framed('1280*720')));
    expect(result.current.status).toBe('preparing');
    expect(onSettled).not.toHaveBeenCalled();
    await act(async () => attempts[1]!.resolve(framed('1280*720')));
    expect(result.current.prepared?.source).toBe(second);
    expect(onSettled.mock.calls).toEqual([[{ prepared: result.current.prepared }]]);

    rerender({ source: first, size: '720*1280' });
    await waitFor(() => expect(attempts).toHaveLength(3));
    unmount();
    expect(attempts[2]!.options.signal!.aborted).toBe(true);
  });

  it('passes the attempt signal to the URL loader', async () => {
    const loadUrl = vi.fn((_url: string, _options: { signal?: AbortSignal }) => new Promise<never>(() => {}));
    const { rerender } = renderHook((props: { source: string }) => usePreparedImage({ ...props, loadUrl }), {
      initialProps: { source: 'https://cdn.example.com/a.jpg' },
    });
    await waitFor(() => expect(loadUrl).toHaveBeenCalledTimes(1));
    rerender({ source: 'https://cdn.example.com/b.jpg' });
    await waitFor(() => expect(loadUrl).toHaveBeenCalledTimes(2));
    expect(loadUrl.mock.calls[0]![1].signal!.aborted).toBe(true);
    expect(loadUrl.mock.calls[1]![1].signal!.aborted).toBe(false);
  });

  it('keeps a failure as a code, does not try the same thing again by itself, and tries again on retry()', async () => {
    const file = photo();
    const { attempts, result, onSettled } = setup({ source: file });
    await waitFor(() => expect(attempts).toHaveLength(1));
    const error = new ImagePreflightError('too-small', 'The image is 10×10.');
    await act(async () => attempts[0]!.reject(error));
    expect(result.current).toMatchObject({ status: 'rejected', prepared: undefined, failure: { code: 'too-small', source: file, file, size: '1280*720', error } });
    expect(onSettled).toHaveBeenCalledWith({ failure: result.current.failure });
    await act(async () => {});
    expect(attempts).toHaveLength(1);

    // Forgetting another source's failure leaves this one standing.
    act(() => result.current.retry(photo()));
    expect(result.current.status).toBe('rejected');
    act(() => result.current.retry(file));
    expect(result.current.status).toBe('preparing');
    await waitFor(() => expect(attempts).toHaveLength(2));
    // Anything but a preflight refusal means the image could not be read.
    await act(async () => attempts[1]!.reject(new TypeError('boom')));
    expect(result.current.failure?.code).toBe('unreadable');
  });

  it('prepares again when the options that shape the result change', async () => {
    const file = photo();
    const { attempts, result, rerender } = setup({ source: file });
    await waitFor(() => expect(attempts).toHaveLength(1));
    await act(async () => attempts[0]!.resolve(framed('1280*720')));
    rerender({ source: file, fit: 'contain' });
    expect(result.current.status).toBe('preparing');
    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[1]!.options).toMatchObject({ fit: 'contain', format: 'jpeg', minDimension: 256, maxBytes: 20 * 1024 * 1024 });
  });
});
